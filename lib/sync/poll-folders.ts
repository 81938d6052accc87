import type { ImapFlow, ListResponse } from 'imapflow';
import { backfillSources } from './backfill-sources.ts';
import { chooseSyncStrategy } from './choose-sync-strategy.ts';
import { orderFoldersForSync } from './order-folders.ts';
import { refreshFolderList } from './refresh-folder-list.ts';
import { skipUnchangedFolder, statusFingerprint } from './skip-unchanged-folder.ts';
import { syncFolder } from './sync-folder.ts';
import { throwIfOver, type SyncSession } from './sync-session.ts';

/**
 * Keeps every folder but INBOX current over a second connection, by polling: IDLE watches only
 * the selected mailbox of a connection (RFC 2177), and a connection per folder would exceed what
 * providers allow (Gmail: ≈ 15 per account, shared with the person's other mail apps). Each round
 * is one LIST with STATUS (LIST-STATUS, RFC 5819, where offered), which also notices new and
 * deleted folders; only folders whose UIDVALIDITY, UIDNEXT or HIGHESTMODSEQ moved are selected.
 * The first round is the initial import of these folders (Sent first, see order-folders.ts).
 * Once the account is live, the same connection fetches the sources still missing in any
 * folder, INBOX included (backfill-sources.ts).
 *
 * Returns never; throws when the session ends.
 */
export async function pollFolders(session: SyncSession, client: ImapFlow): Promise<never> {
  // A dropped connection must not wait out the poll interval to be noticed.
  const onClose = () => session.foldersWake.notify();
  client.on('close', onClose);
  const memory: PollMemory = { round: 0, seen: new Map() };
  // Missing sources are looked for once per session (after a start, an upgrade, a reconnect:
  // whenever rows may have been left 'pending'), and again only until a sweep got through.
  let sourcesDue = true;
  try {
    for (; ; memory.round++) {
      await pollRound(session, client, memory);
      await session.passDone('folders');
      if (sourcesDue) sourcesDue = (await backfillSources(session, client)) !== 'complete';
      await waitForNextRound(session, client);
    }
  } finally {
    client.off('close', onClose);
  }
}

/** What the last rounds saw of the folders without HIGHESTMODSEQ (see skip-unchanged-folder.ts). */
interface PollMemory {
  round: number;
  /** Path → status fingerprint at the start of the last pass that completed. */
  seen: Map<string, string>;
}

/** One LIST-STATUS, then a pass over each folder that moved. */
async function pollRound(session: SyncSession, client: ImapFlow, memory: PollMemory): Promise<void> {
  const { ctx } = session;
  throwIfOver(session, client, 'folders');
  session.foldersWake.reset();
  const { listed, folders } = await refreshFolderList(ctx, client, {
    uidValidity: true,
    uidNext: true,
    highestModseq: true,
    messages: true,
    unseen: true,
  });
  const rows = new Map(folders.map((f) => [f.path, f]));
  for (const entry of orderFoldersForSync(listed)) {
    const folder = rows.get(entry.path);
    if (!folder || isInbox(entry)) continue;
    throwIfOver(session, client, 'folders');
    const status = entry.status;
    const fingerprint = statusFingerprint(status);
    if (status?.uidValidity !== undefined && status.uidNext !== undefined) {
      const remote = {
        uidValidity: Number(status.uidValidity),
        uidNext: status.uidNext,
        highestModseq: status.highestModseq?.toString() ?? null,
      };
      const strategy = chooseSyncStrategy(folder, remote, session.windowStart());
      if (strategy.type === 'none') continue;
      const { round } = memory;
      const previous = memory.seen.get(entry.path);
      if (
        strategy.reason === 'no-modseq' &&
        skipUnchangedFolder({ previous, current: fingerprint, round, fullCheckRounds: ctx.tuning.noModseqFullCheckRounds })
      ) {
        continue;
      }
    }
    try {
      // EXAMINE (read-only, RFC 3501 §6.3.2): the sync only reads, so it cannot change a mailbox by accident.
      const lock = await client.getMailboxLock(entry.path, { readOnly: true, description: 'sync: poll folder' });
      try {
        await syncFolder(ctx, client, folder, session.windowStart());
      } finally {
        lock.release();
      }
      if (fingerprint) memory.seen.set(entry.path, fingerprint);
    } catch (error) {
      // One folder's trouble (deleted between LIST and SELECT, a server refusal) must not
      // stop the others; lost connections and stops end the round.
      throwIfOver(session, client, 'folders');
      ctx.log(`sync ${ctx.accountId}: folder ${entry.path} failed, retrying next round`, error);
    }
  }
  // Leave no mailbox selected: STATUS of the selected mailbox answers from the session's own,
  // possibly stale view (RFC 3501 §6.3.10 says not to use it), so the next round's LIST-STATUS
  // would miss an expunge there. CLOSE of an EXAMINEd mailbox removes nothing (RFC 3501 §6.4.2).
  if (client.mailbox) await client.mailboxClose();
}

function isInbox(entry: ListResponse): boolean {
  return entry.specialUse === '\\Inbox' || entry.path.toUpperCase() === 'INBOX';
}

/**
 * Sleeps until the next round is due or something asks for one. Between rounds the connection is
 * quiet with nothing expected of it, which imapflow's watchdog takes for a dead connection
 * (imap-timeouts.ts): a NOOP every half liveness timeout keeps it in use, and probes it, so a
 * silently dead one is found between rounds too (issue 8 item 12).
 */
async function waitForNextRound(session: SyncSession, client: ImapFlow): Promise<void> {
  const { tuning } = session.ctx;
  const due = Date.now() + tuning.pollIntervalMs;
  const keepAliveMs = Math.max(1, Math.floor(tuning.imapTimeouts.socketMs / 2));
  for (;;) {
    const left = due - Date.now();
    if (left <= 0 || (await session.foldersWake.wait(Math.min(left, keepAliveMs), session.signal))) return;
    if (session.signal.aborted || Date.now() >= due) return;
    throwIfOver(session, client, 'folders');
    // A refusal is the server's business; a dropped connection ends the loop as a lost connection.
    await client.noop().catch(() => throwIfOver(session, client, 'folders'));
  }
}
