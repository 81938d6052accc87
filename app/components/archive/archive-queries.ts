import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ArchiveSuggestion, ArchiveTargetKind, NamedTarget } from './archive-targets';

/** graphql/archive*.ts as the archive dialog, the inbox marks and the timelines use them. */

interface Choices {
  edges: Array<{ node: { id: string; name: string } }>;
}

type ChoiceVars = { search?: string | null; companyId?: string | null };

/** Each kind's searchable list for the pickers: the first 20 by name. */
export const TARGET_CHOICES: Record<ArchiveTargetKind, TypedDocumentNode<Record<string, Choices>, ChoiceVars>> = {
  PERSON: gql`
    query ArchivePersonChoices($search: String) {
      choices: persons(search: $search, first: 20) {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  `,
  COMPANY: gql`
    query ArchiveCompanyChoices($search: String) {
      choices: companies(search: $search, first: 20) {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  `,
  PROJECT: gql`
    query ArchiveProjectChoices($search: String, $companyId: ID) {
      choices: projects(search: $search, companyId: $companyId, first: 20) {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  `,
  SALE: gql`
    query ArchiveSaleChoices($search: String, $companyId: ID) {
      choices: sales(search: $search, companyId: $companyId, first: 20) {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  `,
};

export const ARCHIVE_SUGGESTIONS: TypedDocumentNode<{ archiveSuggestions: ArchiveSuggestion[] }, { messageId: string }> = gql`
  query ArchiveSuggestions($messageId: ID!) {
    archiveSuggestions(messageId: $messageId) {
      kind
      id
      name
      matched
      reason
    }
  }
`;

export type { NamedTarget };

export interface ArchiveResult {
  documentIds: string[];
  newLinks: number;
  targets: NamedTarget[];
}

type TargetInput = { kind: ArchiveTargetKind; id: string };
type ArchiveOptionsVars = { targets: TargetInput[]; category?: string | null; visibility: 'TENANT' | 'PRIVATE' };

const RESULT = `documentIds newLinks targets { kind id name }`;

export const ARCHIVE_MESSAGES: TypedDocumentNode<
  { archiveMessages: ArchiveResult },
  ArchiveOptionsVars & { messageIds: string[] }
> = gql`
  mutation ArchiveMessages($messageIds: [ID!]!, $targets: [ArchiveTargetInput!]!, $category: String, $visibility: ArchiveVisibility) {
    archiveMessages(messageIds: $messageIds, targets: $targets, category: $category, visibility: $visibility) { ${RESULT} }
  }
`;

export const ARCHIVE_ATTACHMENTS: TypedDocumentNode<
  { archiveAttachments: ArchiveResult },
  ArchiveOptionsVars & { messageId: string; attachmentIds: string[] }
> = gql`
  mutation ArchiveAttachments(
    $messageId: ID!
    $attachmentIds: [ID!]!
    $targets: [ArchiveTargetInput!]!
    $category: String
    $visibility: ArchiveVisibility
  ) {
    archiveAttachments(
      messageId: $messageId
      attachmentIds: $attachmentIds
      targets: $targets
      category: $category
      visibility: $visibility
    ) { ${RESULT} }
  }
`;

export interface ArchiveMark {
  messageId: string;
  wholeMessage: boolean;
  documentIds: string[];
  targets: NamedTarget[];
}

export const MESSAGE_ARCHIVE_MARKS: TypedDocumentNode<{ messageArchiveMarks: ArchiveMark[] }, { messageIds: string[] }> = gql`
  query MessageArchiveMarks($messageIds: [ID!]!) {
    messageArchiveMarks(messageIds: $messageIds) {
      messageId
      wholeMessage
      documentIds
      targets {
        kind
        id
        name
      }
    }
  }
`;

export interface ArchiveChangedEvent {
  change: 'ARCHIVED' | 'UNARCHIVED';
  targets: Array<{ kind: ArchiveTargetKind; id: string }>;
  messageIds: string[];
  documentIds: string[];
}

export const ARCHIVE_CHANGED: TypedDocumentNode<{ archiveChanged: ArchiveChangedEvent }, { target?: TargetInput | null }> = gql`
  subscription ArchiveChanged($target: ArchiveTargetInput) {
    archiveChanged(target: $target) {
      change
      targets {
        kind
        id
      }
      messageIds
      documentIds
    }
  }
`;

export interface ArchivedDocument {
  id: string;
  kind: 'MESSAGE' | 'ATTACHMENT';
  category: string | null;
  visibility: 'TENANT' | 'PRIVATE';
  archivedAt: string;
  subject: string;
  from: Array<{ name: string | null; address: string }>;
  date: string;
  filename: string | null;
  snippet: string;
  downloadUrl: string;
  targets: NamedTarget[];
}

const DOCUMENT_FIELDS = `id kind category visibility archivedAt subject from { name address } date filename snippet downloadUrl targets { kind id name }`;

export interface ArchivedDocumentPage {
  edges: Array<{ cursor: string; node: ArchivedDocument }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A timeline page: 20 by default; a reload asks for as many as are shown (reload-rows.ts). */
export const ARCHIVED_DOCUMENTS: TypedDocumentNode<
  { archivedDocuments: ArchivedDocumentPage },
  { target: TargetInput; after?: string | null; first?: number }
> = gql`
  query ArchivedDocuments($target: ArchiveTargetInput!, $after: String, $first: Int = 20) {
    archivedDocuments(target: $target, first: $first, after: $after) {
      edges { cursor node { ${DOCUMENT_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const UNARCHIVE: TypedDocumentNode<{ unarchive: boolean }, { documentId: string; target?: TargetInput | null }> = gql`
  mutation Unarchive($documentId: ID!, $target: ArchiveTargetInput) {
    unarchive(documentId: $documentId, target: $target)
  }
`;

export interface ArchivedDocumentDetail {
  id: string;
  subject: string;
  from: Array<{ name: string | null; address: string }>;
  to: Array<{ name: string | null; address: string }>;
  date: string;
  downloadUrl: string;
  body: { html: string | null; text: string | null } | null;
}

export const ARCHIVED_DOCUMENT: TypedDocumentNode<{ archivedDocument: ArchivedDocumentDetail | null }, { id: string }> = gql`
  query ArchivedDocumentDetail($id: ID!) {
    archivedDocument(id: $id) {
      id
      subject
      from {
        name
        address
      }
      to {
        name
        address
      }
      date
      downloadUrl
      body {
        html
        text
      }
    }
  }
`;
