import type { ImapFlow } from 'imapflow';
import { listFoldersWithPendingSources } from '../../db/queries/pending-sources.ts';
import { fillBodies } from './fill-bodies.ts';
import { orderBackfill } from './order-backfill.ts';
import { throwIfOver, type SyncSession } from './sync-session.ts';

/** Whether a sweep went through every folder it found, or must be taken up again next round. */
export type BackfillOutcome = 'complete' | 'interrupted';

/**
 * Fetches the sources of rows still 'pending' in any folder of the account, after a poll round
 * (stay-current.ts), once the account is live. Nothing else
 * would: a folder pass fetches sources only for what it imports (sync-folder.ts), and a folder
 * whose state did not change gets no pass at all (strategy 'none', or skipped by
 * skip-unchanged-folder.ts). Such rows are messages imported before sources were kept
 * (migration 0010_source_first) and those of a pass cut short (a crash, a lost connection, a
 * database error while writing a batch).
 *
 * Low priority: never before the account is live (the inbox and the list come first), and it
 * yields between folders when woken (a wider window, a lost connection); new INBOX mail that
 * arrives meanwhile is found by the INBOX pass right after (stay-current.ts). Within one folder it does not yield: fillBodies runs to the
 * end, newest first, in batches of `bodyBatchBytes`.
 *
 * Progress is reported with the phase 'backfilling' (folder, done/total), then 'live' again.
 */
export async function backfillSources(session: SyncSession, client: ImapFlow): Promise<BackfillOutcome> {
  const { ctx } = session;
  if (!session.isLive()) return 'interrupted';
  const todo = orderBackfill(await listFoldersWithPendingSources(ctx.db, ctx.accountId));
  if (!todo.length) return 'complete';
  let outcome: BackfillOutcome = 'complete';
  try {
    for (const folder of todo) {
      throwIfOver(session, client, 'folders');
      if (session.foldersWake.notified) {
        outcome = 'interrupted';
        break;
      }
      try {
        // EXAMINE (read-only, RFC 3501 §6.3.2), as every sync pass.
        const lock = await client.getMailboxLock(folder.path, { readOnly: true, description: 'sync: fetch missing sources' });
        try {
          // A UIDVALIDITY that changed since the last pass voids the stored UIDs: the next poll
          // round re-maps the rows first (remap-uid-validity.ts), then they are fetched.
          if (Number(client.mailbox ? client.mailbox.uidValidity : 0) !== folder.uidValidity) {
            outcome = 'interrupted';
            continue;
          }
          ctx.progress.folderStarted(folder, folder.pending, 'backfilling');
          await fillBodies(ctx, client, folder, folder.uidValidity, (n) => ctx.progress.folderAdvanced(folder.id, n));
          ctx.progress.folderFinished(folder.id);
        } finally {
          lock.release();
        }
      } catch (error) {
        // One folder's trouble (gone since the last LIST, a refusal) must not stop the others.
        throwIfOver(session, client, 'folders');
        ctx.log(`sync ${ctx.accountId}: fetching missing sources of ${folder.path} failed, retrying next round`, error);
        outcome = 'interrupted';
      }
    }
  } finally {
    if (session.isLive()) ctx.progress.live();
  }
  // As after a poll round: leave no mailbox selected (see poll-folders.ts).
  if (client.mailbox) await client.mailboxClose();
  return outcome;
}
