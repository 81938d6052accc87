import type { ImapFlow } from 'imapflow';
import type { FolderSyncContext } from './folder-sync-context.ts';
import type { WakeSignal } from './wake-signal.ts';

/** What INBOX's watch and the folders' poll of one connected account share (stay-current.ts). */
export interface SyncSession {
  ctx: FolderSyncContext;
  /** Aborted when the runner stops. */
  signal: AbortSignal;
  /** The import window's start now (the days can change while connected, see refreshWindow). */
  windowStart(): Date;
  /** Woken when the window changed, so a backfill starts without waiting for the next change or poll. */
  inboxWake: WakeSignal;
  foldersWake: WakeSignal;
  /** Woken when an action was requested (mailActionsTopic): the watch ends so run-mail-actions.ts runs. */
  actionsWake: WakeSignal;
  /** INBOX or the other folders had a pass; both done = the account is live. */
  passDone(loop: 'inbox' | 'folders'): Promise<void>;
  /** Both loops finished a first pass in this session: background work may start. */
  isLive(): boolean;
}

/** A connection that went away: the runner reconnects (with backoff) and resumes. */
export class ConnectionLostError extends Error {
  readonly code = 'ECONNRESET';
  constructor(what: string) {
    super(`${what}: the connection to the mail server was lost`);
    this.name = 'ConnectionLostError';
  }
}

/** Ends a loop when the session is over: stopped (quietly) or the connection lost. */
export function throwIfOver(session: SyncSession, client: ImapFlow, what: string): void {
  session.signal.throwIfAborted();
  if (!client.usable) throw new ConnectionLostError(what);
}
