import type { Db } from '../../db/client.ts';
import { countFolderMessages } from '../../db/queries/messages.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { SourceStore } from '../message-store/source-store.ts';
import type { ProgressReporter } from './progress-reporter.ts';
import { publishMailboxEvent, type MailboxEvent } from './sync-events.ts';
import type { SyncTuning } from './sync-tuning.ts';

/** What the folder-level steps (import, bodies, changes, re-mapping) share for one account. */
export interface FolderSyncContext {
  db: Db;
  bus: EventBus;
  accountId: string;
  progress: ProgressReporter;
  tuning: SyncTuning;
  log: (msg: string, extra?: unknown) => void;
  /** Where message sources go. @default databaseSourceStore (lib/message-store/source-store.ts) */
  sources?: SourceStore;
}

/** Publishes a message event for `folderId` with the folder's counts after the change. */
export async function publishFolderChange(
  ctx: FolderSyncContext,
  kind: Exclude<MailboxEvent['kind'], 'FOLDERS_CHANGED'>,
  folderId: string,
  messageIds: string[],
): Promise<void> {
  if (!messageIds.length) return;
  const counts = await countFolderMessages(ctx.db, folderId);
  await publishMailboxEvent(ctx.bus, { accountId: ctx.accountId, kind, folderId, messageIds, counts });
}
