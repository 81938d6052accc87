import { gql, type TypedDocumentNode } from '@apollo/client';

export interface MessageRow {
  id: string;
  subject: string;
  from: Array<{ name: string; address: string }>;
  receivedAt: string;
  snippet: string;
  seen: boolean;
  flagged: boolean;
  hasAttachments: boolean;
  parseError: string | null;
}

export const MESSAGES: TypedDocumentNode<
  { messages: { nodes: MessageRow[]; hasMore: boolean; endCursor: string | null } },
  { folderId: string; first?: number; after?: string | null }
> = gql`
  query FolderMessages($folderId: ID!, $first: Int, $after: String) {
    messages(folderId: $folderId, first: $first, after: $after) {
      nodes {
        id
        subject
        from {
          name
          address
        }
        receivedAt
        snippet
        seen
        flagged
        hasAttachments
        parseError
      }
      hasMore
      endCursor
    }
  }
`;

export const MAILBOX_CHANGED: TypedDocumentNode<
  {
    mailboxChanged: {
      kind: string;
      folderId: string | null;
      messageIds: string[];
      counts: { total: number; unread: number } | null;
      /** ACTION_FAILED only. */
      action?: { kind: string; errorCode: string; errorMessage: string; errorRole: string | null } | null;
    };
  },
  { accountId: string }
> = gql`
  subscription MailboxChanged($accountId: ID!) {
    mailboxChanged(accountId: $accountId) {
      kind
      folderId
      messageIds
      counts {
        total
        unread
      }
      action {
        kind
        errorCode
        errorMessage
        errorRole
      }
    }
  }
`;

export interface SyncProgressView {
  phase: 'CONNECTING' | 'IMPORTING' | 'BACKFILLING' | 'INDEXING' | 'LIVE' | 'ERROR';
  path: string | null;
  done: number;
  total: number;
  overallDone: number;
  overallTotal: number;
  errorCode: string | null;
  errorMessage: string | null;
}

/** One field list for the subscription and the account query's snapshot of the same progress. */
export const SYNC_PROGRESS_FIELDS = gql`
  fragment SyncProgressFields on SyncProgress {
    phase
    path
    done
    total
    overallDone
    overallTotal
    errorCode
    errorMessage
  }
`;

export const SYNC_PROGRESS: TypedDocumentNode<{ syncProgress: SyncProgressView }, { accountId: string }> = gql`
  subscription SyncProgress($accountId: ID!) {
    syncProgress(accountId: $accountId) {
      ...SyncProgressFields
    }
  }
  ${SYNC_PROGRESS_FIELDS}
`;
