import type { ImapFlow } from 'imapflow';
import { backfillSources } from './backfill-sources.ts';
import { createPollMemory, pollFolders } from './poll-folders.ts';
import { runMailActions } from './run-mail-actions.ts';
import type { SyncSession } from './sync-session.ts';
import { watchInbox } from './watch-inbox.ts';

/**
 * Keeps a connected account current over one IMAP connection: INBOX is selected and idling
 * (watch-inbox.ts) except every `pollIntervalMs`, when one round over the other folders runs
 * (poll-folders.ts) and INBOX is selected again. The first INBOX pass and the first round are the
 * import (INBOX first, so the inbox fills before Sent and the rest).
 *
 * One connection, not one for INBOX and one for the other folders: a live account then costs one
 * server session and a third less memory (bench:idle, issue 9: 334 KB → 223 KB RSS per
 * account with 200 accounts). The price: while a round runs, INBOX is not watched; mail that
 * arrives meanwhile is found by the pass after the round, as SELECT reports the new UIDNEXT (a
 * round that finds nothing moved takes one LIST-STATUS, milliseconds; a long first import of Sent
 * delays INBOX by as long).
 *
 * Actions the person requested (mark read, flag, move, delete: run-mail-actions.ts) are carried
 * out on this connection before each watch of INBOX: a request ends the IDLE, so they run within
 * moments unless a round of the other folders is under way (then after it).
 *
 * Once the account is live, the sources still missing in any folder (mail imported before sources
 * were kept, a pass cut short) are fetched after a round (backfill-sources.ts), folder by folder,
 * INBOX included; like a round, this leaves INBOX unwatched while it runs.
 *
 * Returns never; throws when the session ends (stopped: AbortError; connection lost: ConnectionLostError).
 */
export async function stayCurrent(session: SyncSession, client: ImapFlow, inboxId: string): Promise<never> {
  const memory = createPollMemory();
  let pollDueAt = 0;
  // Missing sources are looked for once per session (after a start, an upgrade, a reconnect:
  // whenever rows may have been left 'pending'), and again only until a sweep got through.
  let sourcesDue = true;
  for (;;) {
    // Actions first: those left from before a restart or reconnect, then each one requested
    // while INBOX was watched (it ends the watch; the folders' round waits for its time).
    await runMailActions(session, client);
    await watchInbox(session, client, inboxId, pollDueAt);
    if (session.actionsWake.notified && Date.now() < pollDueAt && !session.foldersWake.notified) continue;
    await pollFolders(session, client, memory);
    await session.passDone('folders');
    if (sourcesDue) sourcesDue = (await backfillSources(session, client)) !== 'complete';
    pollDueAt = Date.now() + session.ctx.tuning.pollIntervalMs;
  }
}
