import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'crm_session';
/** @default 30 days */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A new random session token (256 bits) for the cookie. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores: a leaked sessions table must not let anyone sign in. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
