import type { ExpungeEvent, ImapFlow } from 'imapflow';
import { findFolder } from '../../db/queries/message-list.ts';
import { syncFolder } from './sync-folder.ts';
import { throwIfOver, type SyncSession } from './sync-session.ts';

/**
 * Keeps INBOX current over its own connection: a first pass (import or catch-up), then IDLE
 * (RFC 2177). The server reports new mail (EXISTS), expunges (VANISHED with QRESYNC, RFC 7162
 * §3.2.10) and flag changes (FETCH) while we idle; each wakes a partial pass, whose first command
 * ends the IDLE (imapflow sends DONE). New mail is stored and published within tens of
 * milliseconds of the notification; Dovecot itself waits ≈ 0.5 s before notifying.
 *
 * Holds the INBOX lock for the whole session. Returns never; throws when the session ends
 * (stopped: AbortError; connection lost: ConnectionLostError).
 */
export async function watchInbox(session: SyncSession, client: ImapFlow, folderId: string): Promise<never> {
  // EXAMINE: read-only (RFC 3501 §6.3.2), IDLE works the same; the sync never changes the mailbox.
  const lock = await client.getMailboxLock('INBOX', { readOnly: true, description: 'sync: watch INBOX' });
  const vanished = new Set<number>();
  const wake = session.inboxWake;
  const onChange = () => wake.notify();
  const onExpunge = (event: ExpungeEvent) => {
    if (event.uid) vanished.add(event.uid);
    wake.notify();
  };
  client.on('exists', onChange);
  client.on('flags', onChange);
  client.on('expunge', onExpunge);
  client.on('close', onChange);
  try {
    for (;;) {
      throwIfOver(session, client, 'INBOX');
      // Forget notifications so far: this pass looks at everything up to now.
      wake.reset();
      const folder = await findFolder(session.ctx.db, folderId);
      if (!folder) throw new Error('the INBOX folder row is gone');
      const known = [...vanished];
      await syncFolder(session.ctx, client, folder, session.windowStart(), { force: true, vanished: known });
      for (const uid of known) vanished.delete(uid);
      await session.passDone('inbox');
      await idleUntilChanged(session, client);
    }
  } finally {
    client.off('exists', onChange);
    client.off('flags', onChange);
    client.off('expunge', onExpunge);
    client.off('close', onChange);
    lock.release();
  }
}

/**
 * IDLE (RFC 2177) until the server reports a change (or the connection drops: `close` notifies
 * too). IDLE also ends without a change: imapflow breaks it with a NOOP when the connection was
 * quiet for the liveness timeout (imap-timeouts.ts; that NOOP is how a silently dead connection
 * is found, issue 8 item 12), and our next command would break it. Then it is entered again, at
 * once: without IDLE the server tells us nothing.
 */
async function idleUntilChanged(session: SyncSession, client: ImapFlow): Promise<void> {
  const wake = session.inboxWake;
  let idleEnded: AbortSignal | undefined;
  for (;;) {
    throwIfOver(session, client, 'INBOX');
    if (!client.idling) {
      const ended = new AbortController();
      idleEnded = ended.signal;
      void client
        .idle()
        .catch(() => {})
        .finally(() => ended.abort());
    }
    const until = idleEnded && !idleEnded.aborted ? AbortSignal.any([session.signal, idleEnded]) : session.signal;
    // The timeout only re-checks in case IDLE was entered by someone else and ended unseen.
    if (await wake.wait(session.ctx.tuning.imapTimeouts.socketMs, until)) return;
  }
}
