import 'server-only';
import { CloseCode } from 'graphql-ws';
import { SESSIONS_REVOKED_TOPIC, type SessionRevoked } from '../auth/session-revocation.ts';
import type { EventBus } from '../events/event-bus.ts';
import { loggerFor } from '../log/logger.ts';

const log = loggerFor('session-sockets');

/** What the registry needs of a socket (a `ws` WebSocket). */
export interface ClosableSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

export interface SocketSession {
  sessionTokenHash: string;
  userId: string;
  expiresAt: Date;
}

export interface SessionSocketsOptions {
  /** How often sockets of expired sessions are looked for. @default 60_000 */
  expiryCheckMs?: number;
  now?: () => Date;
}

/**
 * The WebSockets opened with a session, so that ending the session ends them too (issue 8,
 * item 7): a revocation announced on the bus (sign-out, a user's sessions revoked; from any
 * process) closes them at once, and an expired session's sockets are closed by a periodic
 * check or at their next event. Closed with graphql-ws's 4403 Forbidden, which its client may
 * retry (with a new cookie after a new sign-in) rather than 4401, which means "subscribed
 * before the connection was acknowledged".
 */
export function trackSessionSockets(bus: EventBus, options: SessionSocketsOptions = {}) {
  const now = options.now ?? (() => new Date());
  const sockets = new Map<ClosableSocket, SocketSession>();

  function end(socket: ClosableSocket, reason: string): void {
    sockets.delete(socket);
    socket.close(CloseCode.Forbidden, reason);
  }

  function closeExpired(): void {
    const at = now();
    for (const [socket, session] of sockets) if (session.expiresAt <= at) end(socket, 'Session expired');
  }

  const revocations = bus.subscribe<SessionRevoked>(SESSIONS_REVOKED_TOPIC);
  const listening = (async () => {
    for await (const revoked of revocations) {
      for (const [socket, session] of sockets) {
        const matches =
          'sessionTokenHash' in revoked
            ? session.sessionTokenHash === revoked.sessionTokenHash
            : session.userId === revoked.userId;
        if (matches) end(socket, 'Session ended');
      }
    }
  })().catch((error: unknown) => log.error({ err: error }, 'revocation listener failed'));

  const timer = setInterval(closeExpired, options.expiryCheckMs ?? 60_000);
  timer.unref();

  return {
    add(socket: ClosableSocket, session: SocketSession): void {
      sockets.set(socket, session);
      socket.once('close', () => sockets.delete(socket));
    },
    /** Closes the socket if its session has expired; true when it did (call before sending an event). */
    endIfExpired(socket: ClosableSocket): boolean {
      const session = sockets.get(socket);
      if (!session || session.expiresAt > now()) return false;
      end(socket, 'Session expired');
      return true;
    },
    closeExpired,
    /** Sockets currently tracked (for tests and metrics). */
    get size() {
      return sockets.size;
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await revocations.return?.();
      await listening;
    },
  };
}

export type SessionSockets = ReturnType<typeof trackSessionSockets>;
