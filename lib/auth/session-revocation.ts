import 'server-only';
import { deleteSession, deleteUserSessions } from '../../db/queries/sessions.ts';
import type { AppServices } from '../app-services.ts';

/**
 * Revocations cross processes on the event bus (LISTEN/NOTIFY with PostgreSQL), so every
 * process closes the WebSockets it holds for the session (issue 8, item 7). The payload is
 * the session token's hash (what the sessions table stores), never the token.
 */
export const SESSIONS_REVOKED_TOPIC = 'sessions:revoked';

export type SessionRevoked = { sessionTokenHash: string } | { userId: string };

/** Ends one session (sign-out) and tells every process to close its sockets. */
export async function revokeSession(services: AppServices, sessionTokenHash: string): Promise<void> {
  await deleteSession(services.database.db, sessionTokenHash);
  await services.bus.publish<SessionRevoked>(SESSIONS_REVOKED_TOPIC, { sessionTokenHash });
}

/** Ends every session of a user (for a password change or a disabled user). */
export async function revokeUserSessions(services: AppServices, userId: string): Promise<void> {
  await deleteUserSessions(services.database.db, userId);
  await services.bus.publish<SessionRevoked>(SESSIONS_REVOKED_TOPIC, { userId });
}
