import { gql, type TypedDocumentNode } from '@apollo/client';

/** A CRM row as "Send and archive" shows and sends it (ArchiveTargetInput). */
export interface SendArchiveTarget {
  kind: 'PERSON' | 'COMPANY' | 'PROJECT' | 'SALE';
  id: string;
  name: string;
}

/** Send and archive as sendMessage takes it (ComposeInput.archive). */
export interface ArchiveOnSendInput {
  targets: Array<{ kind: SendArchiveTarget['kind']; id: string }>;
  category: string | null;
  visibility: 'TENANT' | 'PRIVATE';
}

export const ARCHIVE_SUGGESTIONS_FOR_ADDRESSES: TypedDocumentNode<
  { archiveSuggestionsForAddresses: SendArchiveTarget[] },
  { addresses: string[] }
> = gql`
  query ArchiveSuggestionsForAddresses($addresses: [String!]!) {
    archiveSuggestionsForAddresses(addresses: $addresses) {
      kind
      id
      name
    }
  }
`;

/** Where the answered message is archived (replies and forwards of an archived thread). */
export const ANSWERED_ARCHIVE_MARKS: TypedDocumentNode<
  { messageArchiveMarks: Array<{ messageId: string; targets: SendArchiveTarget[] }> },
  { messageIds: string[] }
> = gql`
  query AnsweredArchiveMarks($messageIds: [ID!]!) {
    messageArchiveMarks(messageIds: $messageIds) {
      messageId
      targets {
        kind
        id
        name
      }
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

/** Persons and companies by name, e-mail or domain, for adding a target by hand. */
export const FIND_ARCHIVE_TARGETS: TypedDocumentNode<
  {
    persons: { edges: Array<{ node: { id: string; name: string } }> };
    companies: { edges: Array<{ node: { id: string; name: string } }> };
  },
  { search: string }
> = gql`
  query FindArchiveTargets($search: String!) {
    persons(search: $search, first: 5) {
      edges {
        node {
          id
          name
        }
      }
    }
    companies(search: $search, first: 5) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`;
