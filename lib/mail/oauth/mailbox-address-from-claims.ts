import type { OAuthProvider } from './providers.ts';

/** The ID token claims that can name the mailbox (OpenID Connect Core §5.1). */
export interface AddressClaims {
  email?: unknown;
  email_verified?: unknown;
  preferred_username?: unknown;
  [claim: string]: unknown;
}

const ADDRESS = /^[^\s@]+@[^\s@]+$/;

/**
 * Which mailbox a sign-in was for, from the validated ID token. Google: `email` only when Google
 * says it is verified (`email_verified`; an unverified address is one the person merely typed).
 * Microsoft: `email`, else `preferred_username` (work accounts without an `email` claim sign in
 * with their UPN, which is the mailbox's address for Exchange Online); Microsoft sends no
 * `email_verified`, so that address is only a claim — the IMAP and SMTP sign-in with the token,
 * checked before anything is saved, decides which mailbox it opens. Null: no usable address.
 */
export function mailboxAddressFromClaims(provider: OAuthProvider['id'], claims: AddressClaims | undefined): string | null {
  if (!claims) return null;
  const candidates =
    provider === 'google'
      ? [claims.email_verified === true ? claims.email : undefined]
      : [claims.email, claims.preferred_username];
  return candidates.find((v): v is string => typeof v === 'string' && ADDRESS.test(v)) ?? null;
}
