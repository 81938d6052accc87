import { gql, type TypedDocumentNode } from '@apollo/client';
import { KEPT_ARCHIVE_FIELDS, type ArchiveOnSendInput, type KeptArchive } from './send-archive-queries';

/**
 * The sending API of issue 11 (the contract in the lead's brief; graphql/schema.graphql once the
 * server side is merged). Hand-written types as the other queries here have them.
 */
export interface ComposeInput {
  accountId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  replyToMessageId?: string | null;
  forwardMessageId?: string | null;
  forwardAsAttachment?: boolean;
  attachmentIds?: string[];
  /** Uploaded images the HTML names as `cid:<contentId>`. */
  inlineImages?: Array<{ uploadId: string; contentId: string }>;
  draftId?: string | null;
  /** Send and archive (issue 12): archived once sent; saveDraft keeps it with the draft. */
  archive?: ArchiveOnSendInput | null;
}

export type OutboxState = 'QUEUED' | 'SENDING' | 'SENT' | 'FAILED' | 'UNCERTAIN' | 'CANCELLED';

export interface OutboxMessageView {
  id: string;
  accountId: string;
  state: OutboxState;
  subject: string;
  to: string[];
  cc: string[];
  bcc: string[];
  text: string;
  html: string | null;
  sendAt: string;
  sentAt: string | null;
  /** When a QUEUED message is tried next (after a transient failure: the backoff's end). */
  nextAttemptAt: string;
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  rejectedRecipients: string[];
}

const OUTBOX_FIELDS = gql`
  fragment OutboxMessageFields on OutboxMessage {
    id
    accountId
    state
    subject
    to
    cc
    bcc
    text
    html
    sendAt
    sentAt
    nextAttemptAt
    attempts
    errorCode
    errorMessage
    rejectedRecipients
  }
`;

export const SEND_MESSAGE: TypedDocumentNode<
  { sendMessage: OutboxMessageView },
  { input: ComposeInput; sendAt: string | null; undoSeconds: number }
> = gql`
  mutation SendMessage($input: ComposeInput!, $sendAt: DateTime, $undoSeconds: Int) {
    sendMessage(input: $input, sendAt: $sendAt, undoSeconds: $undoSeconds) {
      ...OutboxMessageFields
    }
  }
  ${OUTBOX_FIELDS}
`;

export const RETRY_SEND: TypedDocumentNode<{ retrySend: OutboxMessageView }, { id: string }> = gql`
  mutation RetrySend($id: ID!) {
    retrySend(id: $id) {
      ...OutboxMessageFields
    }
  }
  ${OUTBOX_FIELDS}
`;

export const DISCARD_OUTBOX_MESSAGE: TypedDocumentNode<{ discardOutboxMessage: boolean }, { id: string }> = gql`
  mutation DiscardOutboxMessage($id: ID!) {
    discardOutboxMessage(id: $id)
  }
`;

export const OUTBOX: TypedDocumentNode<{ outbox: OutboxMessageView[] }> = gql`
  query Outbox {
    outbox {
      ...OutboxMessageFields
    }
  }
  ${OUTBOX_FIELDS}
`;

/** null: the message was removed from the outbox. */
export const OUTBOX_CHANGED: TypedDocumentNode<{ outboxChanged: OutboxMessageView | null }> = gql`
  subscription OutboxChanged {
    outboxChanged {
      ...OutboxMessageFields
    }
  }
  ${OUTBOX_FIELDS}
`;

export interface AddressSuggestion {
  name: string | null;
  address: string;
}

export const ADDRESS_SUGGESTIONS: TypedDocumentNode<
  { addressSuggestions: AddressSuggestion[] },
  { query: string; first?: number }
> = gql`
  query AddressSuggestions($query: String!, $first: Int) {
    addressSuggestions(query: $query, first: $first) {
      name
      address
    }
  }
`;

export const SAVE_DRAFT: TypedDocumentNode<
  { saveDraft: { id: string; accountId: string; savedAt: string } },
  { id: string | null; input: ComposeInput }
> = gql`
  mutation SaveDraft($id: ID, $input: ComposeInput!) {
    saveDraft(id: $id, input: $input) {
      id
      accountId
      savedAt
    }
  }
`;

export const DISCARD_DRAFT: TypedDocumentNode<{ discardDraft: boolean }, { id: string }> = gql`
  mutation DiscardDraft($id: ID!) {
    discardDraft(id: $id)
  }
`;

/** A stored message or saved draft as composer fields (draftFromMessage, resumeDraft). */
export interface StoredDraftView {
  accountId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string | null;
  text: string;
  draftId: string | null;
  attachments: Array<{ id: string; filename: string; contentType: string; size: number }>;
  inlineImages: Array<{ contentId: string; upload: { id: string; filename: string; contentType: string; size: number } }>;
  /** Send and archive as the draft keeps it (null: off). */
  archive: KeptArchive | null;
}

export const DRAFT_FROM_MESSAGE: TypedDocumentNode<{ draftFromMessage: StoredDraftView }, { messageId: string }> = gql`
  mutation DraftFromMessage($messageId: ID!) {
    draftFromMessage(messageId: $messageId) {
      accountId
      to
      cc
      bcc
      subject
      html
      text
      draftId
      attachments {
        id
        filename
        contentType
        size
      }
      inlineImages {
        contentId
        upload {
          id
          filename
          contentType
          size
        }
      }
      archive {
        ...KeptArchiveFields
      }
    }
  }
  ${KEPT_ARCHIVE_FIELDS}
`;

/** An outbox message taken up again (Edit): its fields, its thread and its files as new uploads. */
export interface OutboxEditView {
  outboxId: string;
  accountId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  replyToMessageId: string | null;
  attachments: Array<{ id: string; filename: string; contentType: string; size: number }>;
  /** Send and archive as the message had it (null: off). */
  archive: KeptArchive | null;
}

export const EDIT_OUTBOX_MESSAGE: TypedDocumentNode<{ editOutboxMessage: OutboxEditView }, { id: string }> = gql`
  mutation EditOutboxMessage($id: ID!) {
    editOutboxMessage(id: $id) {
      outboxId
      accountId
      to
      cc
      bcc
      subject
      text
      html
      replyToMessageId
      attachments {
        id
        filename
        contentType
        size
      }
      archive {
        ...KeptArchiveFields
      }
    }
  }
  ${KEPT_ARCHIVE_FIELDS}
`;

export const RESUME_DRAFT: TypedDocumentNode<{ resumeDraft: StoredDraftView }, { id: string }> = gql`
  mutation ResumeDraft($id: ID!) {
    resumeDraft(id: $id) {
      accountId
      to
      cc
      bcc
      subject
      html
      text
      draftId
      attachments {
        id
        filename
        contentType
        size
      }
      inlineImages {
        contentId
        upload {
          id
          filename
          contentType
          size
        }
      }
      archive {
        ...KeptArchiveFields
      }
    }
  }
  ${KEPT_ARCHIVE_FIELDS}
`;

/** Undo send: the waiting message becomes a saved draft on the server (lib/outbox/undo-send.ts). */
export const UNDO_SEND: TypedDocumentNode<{ undoSend: { id: string } }, { id: string }> = gql`
  mutation UndoSend($id: ID!) {
    undoSend(id: $id) {
      id
    }
  }
`;
