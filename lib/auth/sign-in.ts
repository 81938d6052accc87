import 'server-only';
import { findSessionViewer, insertSession } from '../../db/queries/sessions.ts';
import { findUserByEmail, normalizeEmail } from '../../db/queries/users.ts';
import type { User } from '../../db/schema/index.ts';
import type { AppServices } from '../app-services.ts';
import { AppError } from '../errors.ts';
import { verifyPassword } from './password.ts';
import { revokeSession } from './session-revocation.ts';
import { SESSION_TTL_MS, hashSessionToken, newSessionToken } from './session-token.ts';
import type { Viewer } from './viewer.ts';

export interface SignInResult {
  user: User;
  token: string;
  expiresAt: Date;
}

/**
 * Checks e-mail + password and opens a session. The same `BAD_CREDENTIALS` answer
 * (and the same argon2 cost) whether or not the user exists. Input bounds (e-mail and
 * password length) are checked before this runs, so the limits never see an oversize key.
 */
export async function signIn(
  services: AppServices,
  input: { email: string; password: string; ip: string },
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const attempt = await services.limits.signIn.attempt(email, input.ip);
  if (!attempt.allowed) {
    throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds: Math.ceil(attempt.retryAfterMs / 1000) } });
  }
  const user = await findUserByEmail(services.database.db, email);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok) throw new AppError('BAD_CREDENTIALS');
  await attempt.succeeded();
  return openSession(services, user);
}

export async function openSession(services: AppServices, user: User): Promise<SignInResult> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await insertSession(services.database.db, hashSessionToken(token), user.id, expiresAt);
  return { user, token, expiresAt };
}

/** The viewer for a session cookie's token, or null when missing/expired/unknown. */
export async function viewerFromSessionToken(services: AppServices, token: string | undefined): Promise<Viewer | null> {
  if (!token) return null;
  const sessionTokenHash = hashSessionToken(token);
  const found = await findSessionViewer(services.database.db, sessionTokenHash);
  return found ? { ...found, sessionTokenHash } : null;
}

/** Ends the viewer's session, here and in every process's open WebSockets. */
export async function signOut(services: AppServices, viewer: Viewer): Promise<void> {
  await revokeSession(services, viewer.sessionTokenHash);
}
