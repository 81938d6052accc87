import type { EventBus } from '../events/event-bus.ts';

/**
 * What the sync engine tells the rest of the process (GraphQL subscriptions, the admin console).
 * Events cross processes through PostgreSQL NOTIFY (payload ≤ 7900 bytes, lib/events/postgres-bus.ts),
 * so they carry ids and counts, never subjects or bodies: a subscriber re-reads what it shows.
 */

/** Changes to an account's messages and folders. */
export function mailboxTopic(accountId: string): string {
  return `account:${accountId}:mailbox`;
}

/**
 * An action on the account's messages was requested (`{ actionId }`, lib/mail-actions/): wakes the
 * account's runner in whichever process holds its lease (run-mail-actions.ts). A lost wake-up only
 * delays the action to the runner's next round: the action is a row, not this event.
 */
export function mailActionsTopic(accountId: string): string {
  return `account:${accountId}:mail-actions`;
}

export interface MailActionRequested {
  actionId: string;
}

/** Where the account's import stands (throttled, see progress-reporter.ts). */
export function syncProgressTopic(accountId: string): string {
  return `account:${accountId}:sync-progress`;
}

/**
 * A lease was released by a clean stop (`{ accountId }`): every supervisor sweeps for free leases
 * at once, so another process resumes the account without waiting for its sweep timer.
 */
export const SYNC_LEASES_TOPIC = 'sync:leases';

export interface SyncLeaseReleased {
  accountId: string;
}

export interface MailboxEvent {
  accountId: string;
  /**
   * ACTION_FAILED: the mail server refused an action for good (mail_actions); `messageIds` are the
   * rows whose optimistic change was rolled back in `folderId` (flags restored, or shown again),
   * `action` says which and why.
   */
  kind: 'MESSAGES_ADDED' | 'MESSAGES_UPDATED' | 'MESSAGES_REMOVED' | 'FOLDERS_CHANGED' | 'ACTION_FAILED';
  folderId: string | null;
  /** Row ids of `messages`, at most {@link MAX_IDS_PER_EVENT}; larger batches are split. */
  messageIds: string[];
  /** Of `folderId` after the change; null for FOLDERS_CHANGED. */
  counts: { total: number; unread: number } | null;
  /** Only on ACTION_FAILED. */
  action?: {
    id: string;
    kind: string;
    errorCode: string;
    errorMessage: string;
    /** MAIL_FOLDER_MISSING: the folder that is missing (Sent, Drafts, Junk, Trash), for the UI's language. */
    errorRole?: string | null;
  };
}

export interface SyncProgressEvent {
  accountId: string;
  /**
   * `indexing`: the account is live and the extraction worker is still deriving snippets, bodies
   * and search documents from stored sources (lib/message-store/indexing-progress.ts).
   */
  phase: 'connecting' | 'importing' | 'backfilling' | 'indexing' | 'live' | 'error';
  folderId: string | null;
  path: string | null;
  /** Messages of `path` imported in this pass / to import in this pass. */
  done: number;
  total: number;
  /** The same over every folder of the account. */
  overallDone: number;
  overallTotal: number;
  errorCode?: string;
  errorMessage?: string;
}

/**
 * 50 UUIDs are ≈ 2 KB of JSON: far under the NOTIFY limit, and small enough that a subscriber
 * refetching them is one cheap query.
 * @default 50
 */
export const MAX_IDS_PER_EVENT = 50;

/** Publishes one event per ≤ 50 ids (none when a message event has no ids). */
export async function publishMailboxEvent(bus: EventBus, event: MailboxEvent): Promise<void> {
  const topic = mailboxTopic(event.accountId);
  if (event.kind === 'FOLDERS_CHANGED') {
    await bus.publish(topic, event);
    return;
  }
  for (let start = 0; start < event.messageIds.length; start += MAX_IDS_PER_EVENT) {
    await bus.publish(topic, { ...event, messageIds: event.messageIds.slice(start, start + MAX_IDS_PER_EVENT) });
  }
}
