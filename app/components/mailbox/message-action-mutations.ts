import { gql, type TypedDocumentNode } from '@apollo/client';

/**
 * The message actions of graphql/mail-actions.ts as the reader uses them. Each returns the
 * messages' new seen/flagged state (normalized onto the list's MessageSummary rows) and, for
 * Undo, the actions it stored: a delete whose action has no target was a delete for good.
 */
export interface ActionReceipt {
  __typename: 'MailActionReceipt';
  actions: Array<{ __typename: 'MailAction'; id: string; kind: string; targetFolderId: string | null }>;
  messages: Array<{ __typename: 'MessageSummary'; id: string; seen: boolean; flagged: boolean }>;
}

const RECEIPT_FIELDS = gql`
  fragment ReceiptFields on MailActionReceipt {
    actions {
      id
      kind
      targetFolderId
    }
    messages {
      id
      seen
      flagged
    }
  }
`;

export const MARK_MESSAGES: TypedDocumentNode<{ markMessages: ActionReceipt }, { ids: string[]; seen: boolean }> = gql`
  mutation MarkMessages($ids: [ID!]!, $seen: Boolean!) {
    markMessages(ids: $ids, seen: $seen) {
      ...ReceiptFields
    }
  }
  ${RECEIPT_FIELDS}
`;

export const FLAG_MESSAGES: TypedDocumentNode<{ flagMessages: ActionReceipt }, { ids: string[]; flagged: boolean }> = gql`
  mutation FlagMessages($ids: [ID!]!, $flagged: Boolean!) {
    flagMessages(ids: $ids, flagged: $flagged) {
      ...ReceiptFields
    }
  }
  ${RECEIPT_FIELDS}
`;

export const MOVE_MESSAGES: TypedDocumentNode<{ moveMessages: ActionReceipt }, { ids: string[]; folderId: string }> = gql`
  mutation MoveMessages($ids: [ID!]!, $folderId: ID!) {
    moveMessages(ids: $ids, folderId: $folderId) {
      ...ReceiptFields
    }
  }
  ${RECEIPT_FIELDS}
`;

export const DELETE_MESSAGES: TypedDocumentNode<{ deleteMessages: ActionReceipt }, { ids: string[] }> = gql`
  mutation DeleteMessages($ids: [ID!]!) {
    deleteMessages(ids: $ids) {
      ...ReceiptFields
    }
  }
  ${RECEIPT_FIELDS}
`;

export const MARK_SPAM: TypedDocumentNode<{ markSpam: ActionReceipt }, { ids: string[] }> = gql`
  mutation MarkSpam($ids: [ID!]!) {
    markSpam(ids: $ids) {
      ...ReceiptFields
    }
  }
  ${RECEIPT_FIELDS}
`;
