import type { ExistsEvent, ExpungeEvent, FlagsEvent, ImapFlow } from 'imapflow';
import { findFolder } from '../../db/queries/message-list.ts';
import { syncFolder } from './sync-folder.ts';
import { throwIfOver, type SyncSession } from './sync-session.ts';

/**
 * Keeps INBOX current until the other folders are due for a poll (stay-current.ts): selects it,
 * a pass (import or catch-up), then IDLE (RFC 2177). The server reports new mail (EXISTS),
 * expunges (VANISHED with QRESYNC, RFC 7162 §3.2.10) and flag changes (FETCH) while we idle; each
 * wakes a partial pass, whose first command ends the IDLE (imapflow sends DONE). New mail is
 * stored and published within tens of milliseconds of the notification; Dovecot itself waits
 * ≈ 0.5 s before notifying.
 *
 * Returns (INBOX lock released) when `pollDueAt` (ms since the epoch) has come, the folders
 * loop was woken (session.foldersWake) or an action was requested (session.actionsWake); throws
 * when the session ends (stopped: AbortError; connection lost: ConnectionLostError).
 */
export async function watchInbox(session: SyncSession, client: ImapFlow, folderId: string, pollDueAt: number): Promise<void> {
  // EXAMINE: read-only (RFC 3501 §6.3.2), IDLE works the same; the sync never changes the mailbox.
  const lock = await client.getMailboxLock('INBOX', { readOnly: true, description: 'sync: watch INBOX' });
  const vanished = new Set<number>();
  const wake = session.inboxWake;
  // Only INBOX's: the same connection selects the other folders between watches.
  const onChange = (event: ExistsEvent | FlagsEvent) => {
    if (event.path === 'INBOX') wake.notify();
  };
  const onExpunge = (event: ExpungeEvent) => {
    if (event.path !== 'INBOX') return;
    if (event.uid) vanished.add(event.uid);
    wake.notify();
  };
  const onClose = () => wake.notify();
  client.on('exists', onChange);
  client.on('flags', onChange);
  client.on('expunge', onExpunge);
  client.on('close', onClose);
  try {
    // SELECT reported UIDNEXT and HIGHESTMODSEQ: the first pass looks at those unless IDLE said more.
    let force = wake.take();
    for (;;) {
      throwIfOver(session, client, 'INBOX');
      // Forget notifications so far: this pass looks at everything up to now.
      wake.reset();
      const folder = await findFolder(session.ctx.db, folderId);
      if (!folder) throw new Error('the INBOX folder row is gone');
      const known = [...vanished];
      await syncFolder(session.ctx, client, folder, session.windowStart(), { force, vanished: known });
      for (const uid of known) vanished.delete(uid);
      await session.passDone('inbox');
      if (!(await idleUntilChanged(session, client, pollDueAt))) return;
      force = true;
    }
  } finally {
    client.off('exists', onChange);
    client.off('flags', onChange);
    client.off('expunge', onExpunge);
    client.off('close', onClose);
    lock.release();
  }
}

/**
 * IDLE (RFC 2177) until the server reports a change (or the connection drops: `close` notifies
 * too): true; or until the folders are due or an action waits: false. IDLE also ends without a
 * change: imapflow breaks it with a NOOP when the connection was quiet for the liveness timeout
 * (imap-timeouts.ts; that NOOP is how a silently dead connection is found, issue 8 item 12), and
 * our next command would break it. Then it is entered again, at once: without IDLE the server tells us nothing.
 */
async function idleUntilChanged(session: SyncSession, client: ImapFlow, pollDueAt: number): Promise<boolean> {
  const wake = session.inboxWake;
  let idleEnded: AbortSignal | undefined;
  for (;;) {
    throwIfOver(session, client, 'INBOX');
    // An action waits (run-mail-actions.ts): leave, it runs on this connection before the next watch.
    if (session.actionsWake.notified) return false;
    if (session.foldersWake.take()) {
      session.foldersWake.notify(); // for the poll round, which resets it when it starts
      return false;
    }
    const left = pollDueAt - Date.now();
    if (left <= 0) return false;
    if (!client.idling) {
      const ended = new AbortController();
      idleEnded = ended.signal;
      void client
        .idle()
        .catch(() => {})
        .finally(() => ended.abort());
    }
    const until = idleEnded && !idleEnded.aborted ? AbortSignal.any([session.signal, idleEnded]) : session.signal;
    // The timeout re-checks in case IDLE was entered by someone else and ended unseen, and ends at the poll.
    if (await wake.wait(Math.min(left, session.ctx.tuning.imapTimeouts.socketMs), until)) {
      // Woken for an action, not (only) for INBOX: whatever changed in INBOX meanwhile, the next
      // watch's SELECT reports it (UIDNEXT, HIGHESTMODSEQ), so the wake-up is not lost.
      return !session.actionsWake.notified;
    }
  }
}
