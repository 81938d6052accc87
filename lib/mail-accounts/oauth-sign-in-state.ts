import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import { open, seal } from '../crypto/secret-box.ts';
import { isOAuthProviderId, type OAuthProviderId } from './oauth-providers-for-config.ts';

/** How long a person has on the provider's pages before the sign-in must start again. @default 10 minutes */
export const OAUTH_SIGN_IN_TTL_MS = 10 * 60 * 1000;

/**
 * What the app remembers between `/api/oauth/start` and `/api/oauth/callback`: kept in the browser
 * sealed (AES-256-GCM with the credentials key: unreadable and unforgeable there), so no server
 * table and any process can finish a sign-in another started. Bound to the session that started it
 * (the session token's hash): a callback URL or cookie carried to another session is refused, which
 * with `state` (RFC 6749 §10.12) stops login CSRF. The PKCE verifier never reaches the provider's
 * pages (RFC 7636 §4.1).
 */
export interface OAuthSignInState {
  provider: OAuthProviderId;
  state: string;
  codeVerifier: string;
  redirectUri: string;
  sessionHash: string;
  /** The address typed on the connect page; the provider's answer must be this mailbox. */
  email?: string;
  /** Reconnect ("Sign in again"): the account whose grant the sign-in replaces. */
  accountId?: string;
  /** Where the person started (the connect page), for a success or an error to return to. */
  returnTo: string;
  expiresAt: number;
}

export function sealSignInState(state: OAuthSignInState, key: CredentialsKey): string {
  const sealed = seal(JSON.stringify(state), key);
  return `${sealed.keyId}.${sealed.data}`;
}

/**
 * The state sealed in `value` if it opens, has not expired and belongs to `sessionHash`;
 * otherwise null (the caller answers OAUTH_SIGN_IN_FAILED, whichever it was).
 */
export function openSignInState(
  value: string | undefined,
  sessionHash: string,
  key: CredentialsKey,
  now = Date.now(),
): OAuthSignInState | null {
  if (!value || value.length > 4096) return null;
  const dot = value.indexOf('.');
  if (dot < 0) return null;
  let state: OAuthSignInState;
  try {
    state = JSON.parse(open({ keyId: value.slice(0, dot), data: value.slice(dot + 1) }, key)) as OAuthSignInState;
  } catch {
    return null;
  }
  if (!isOAuthProviderId(state.provider) || typeof state.expiresAt !== 'number' || state.expiresAt < now) return null;
  const a = Buffer.from(String(state.sessionHash));
  const b = Buffer.from(sessionHash);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return state;
}
