/**
 * What the sync engine tells the rest of the app, over the event bus. Events carry ids and
 * counts, never bodies: a PostgreSQL NOTIFY payload holds at most ~8000 bytes.
 */
export function mailboxTopic(accountId: string): string {
  return `account:${accountId}:mailbox`;
}

export function syncProgressTopic(accountId: string): string {
  return `account:${accountId}:sync-progress`;
}

export interface MailboxEvent {
  accountId: string;
  kind: 'MESSAGES_ADDED' | 'MESSAGES_UPDATED' | 'MESSAGES_REMOVED' | 'FOLDERS_CHANGED';
  folderId: string | null;
  /** At most 50 per event; larger batches are split. */
  messageIds: string[];
  /** Totals of `folderId` after the change. */
  counts: { total: number; unread: number } | null;
}

export interface SyncProgressEvent {
  accountId: string;
  phase: 'connecting' | 'importing' | 'backfilling' | 'live' | 'error';
  folderId: string | null;
  path: string | null;
  done: number;
  total: number;
  overallDone: number;
  overallTotal: number;
  errorCode?: string;
  errorMessage?: string;
}
