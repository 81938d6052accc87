import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ArchiveSuggestion, ArchiveTargetKind, NamedTarget } from '../archive/archive-targets';

/** Send and archive as sendMessage takes it (ComposeInput.archive). */
export interface ArchiveOnSendInput {
  targets: Array<{ kind: ArchiveTargetKind; id: string }>;
  category: string | null;
  visibility: 'TENANT' | 'PRIVATE';
}

/** Send and archive as a draft or outbox message keeps it (ArchiveOnSend): the composer reopens with it on. */
export interface KeptArchive {
  targets: NamedTarget[];
  category: string | null;
  visibility: 'TENANT' | 'PRIVATE';
}

/** A kept Send and archive, for the queries that reopen the composer (`archive { ...KeptArchiveFields }`). */
export const KEPT_ARCHIVE_FIELDS = gql`
  fragment KeptArchiveFields on ArchiveOnSend {
    targets {
      kind
      id
      name
    }
    category
    visibility
  }
`;

/** The CRM rows matching the recipients of a message being written (archiveSuggestions' shape). */
export const ARCHIVE_SUGGESTIONS_FOR_ADDRESSES: TypedDocumentNode<
  { archiveSuggestionsForAddresses: ArchiveSuggestion[] },
  { addresses: string[] }
> = gql`
  query ArchiveSuggestionsForAddresses($addresses: [String!]!) {
    archiveSuggestionsForAddresses(addresses: $addresses) {
      kind
      id
      name
      matched
      reason
    }
  }
`;

/** Where the thread of the answered message is archived (threadArchiveTargets). */
export const THREAD_ARCHIVE_TARGETS: TypedDocumentNode<{ threadArchiveTargets: NamedTarget[] }, { messageId: string }> = gql`
  query ThreadArchiveTargets($messageId: ID!) {
    threadArchiveTargets(messageId: $messageId) {
      kind
      id
      name
    }
  }
`;

export interface ViewerSettings {
  archiveSuggestReplies: boolean;
  archiveAutoSuggest: boolean;
}

export const VIEWER_SETTINGS: TypedDocumentNode<{ viewer: { settings: ViewerSettings } | null }> = gql`
  query ViewerSettings {
    viewer {
      settings {
        archiveSuggestReplies
        archiveAutoSuggest
      }
    }
  }
`;

export const SET_VIEWER_SETTINGS: TypedDocumentNode<{ setViewerSettings: ViewerSettings }, { input: Partial<ViewerSettings> }> =
  gql`
    mutation SetViewerSettings($input: ViewerSettingsInput!) {
      setViewerSettings(input: $input) {
        archiveSuggestReplies
        archiveAutoSuggest
      }
    }
  `;
