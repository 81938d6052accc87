import 'server-only';
import * as client from 'openid-client';
import { AppError } from '../../errors.ts';
import type { OAuthTokens } from './oauth-tokens.ts';
import { openProvider, type OAuthDeps } from './open-provider.ts';
import type { OAuthClient } from './providers.ts';
import { mailboxAddressFromClaims } from './mailbox-address-from-claims.ts';
import { scopeGranted } from './scope-granted.ts';
import { tokensFrom } from './tokens-from.ts';

export interface FinishAuthorizationInput {
  /** The redirect URI given to startAuthorization (sent again with the code, RFC 6749 §4.1.3). */
  redirectUri: string;
  /** The URL the provider sent the browser back to, or just its query string (`?code=…&state=…`). */
  callback: string | URL;
  /** What startAuthorization returned, kept with the session meanwhile. */
  state: string;
  codeVerifier: string;
}

export interface FinishedAuthorization {
  tokens: OAuthTokens;
  /** The mailbox's address, from the ID token (mailboxAddressFromClaims: Google's verified `email`, Microsoft's `email` or UPN). */
  email: string;
}

/**
 * The second half of the code flow: checks `state` and the provider's answer, exchanges the code
 * (with the PKCE verifier) at the token endpoint, and reads the mailbox's address from the ID token
 * openid-client has validated (issuer, audience, expiry; the token came over TLS from the token
 * endpoint, OpenID Connect Core §3.1.3.7). Refuses a grant without a refresh token or without the
 * provider's mail scopes: neither can keep a mailbox connected.
 *
 * @throws AppError OAUTH_ACCESS_DENIED (the person declined), OAUTH_SIGN_IN_FAILED (anything else
 *   unusable; `details.reason` says which, for a UI that words them: `no_email`, `no_refresh_token`,
 *   `mail_scope_missing`, or the provider's `details.error`), OAUTH_CLIENT_REJECTED,
 *   OAUTH_PROVIDER_UNAVAILABLE.
 */
export async function finishAuthorization(
  oauth: OAuthClient,
  input: FinishAuthorizationInput,
  deps: OAuthDeps,
): Promise<FinishedAuthorization> {
  let config: client.Configuration;
  try {
    config = await openProvider(oauth, deps);
  } catch (cause) {
    throw new AppError('OAUTH_PROVIDER_UNAVAILABLE', { cause });
  }
  // The redirect URI, not the URL the request arrived at (a proxy may have rewritten that), with
  // the provider's parameters: openid-client sends it without the query as `redirect_uri`.
  const current = new URL(input.redirectUri);
  current.search = new URL(input.callback, input.redirectUri).search;

  let response: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    response = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: input.codeVerifier,
      expectedState: input.state,
      idTokenExpected: true,
    });
  } catch (cause) {
    throw signInError(cause);
  }
  const email = mailboxAddressFromClaims(oauth.provider.id, response.claims());
  if (!email)
    throw new AppError('OAUTH_SIGN_IN_FAILED', {
      message: 'The provider did not say which mailbox this is.',
      details: { reason: 'no_email' },
    });
  const tokens = tokensFrom(response, oauth.provider.scopes);
  if (!tokens.refreshToken)
    throw new AppError('OAUTH_SIGN_IN_FAILED', {
      message: 'The provider gave no refresh token, so the mailbox could not stay connected.',
      details: { reason: 'no_refresh_token' },
    });
  const missing = oauth.provider.mailScopes.filter((s) => !scopeGranted(tokens.scopes, s));
  if (missing.length > 0)
    throw new AppError('OAUTH_SIGN_IN_FAILED', {
      message: 'Access to mail was not allowed on the consent page. Sign in again and allow it.',
      details: { reason: 'mail_scope_missing', missingScopes: missing },
    });
  return { tokens: { ...tokens, refreshToken: tokens.refreshToken }, email: email.trim() };
}

function signInError(cause: unknown): AppError {
  if (cause instanceof client.AuthorizationResponseError) {
    // The provider redirected back with an error (RFC 6749 §4.1.2.1).
    const code = cause.error === 'access_denied' ? 'OAUTH_ACCESS_DENIED' : 'OAUTH_SIGN_IN_FAILED';
    return new AppError(code, { cause, details: { error: cause.error } });
  }
  if (cause instanceof client.ResponseBodyError) {
    // The token endpoint refused the code (RFC 6749 §5.2): used, expired, or not ours.
    if (cause.error === 'invalid_client' || cause.error === 'unauthorized_client')
      return new AppError('OAUTH_CLIENT_REJECTED', { cause });
    if (cause.status >= 500) return new AppError('OAUTH_PROVIDER_UNAVAILABLE', { cause });
    return new AppError('OAUTH_SIGN_IN_FAILED', { cause, details: { error: cause.error } });
  }
  if (cause instanceof client.ClientError && /STATE|PARAMETER|JWT|JSON_ATTRIBUTE|INVALID_RESPONSE/.test(String(cause.code)))
    // A state that is not ours, a forged or mangled answer: nothing to retry.
    return new AppError('OAUTH_SIGN_IN_FAILED', { cause });
  return new AppError('OAUTH_PROVIDER_UNAVAILABLE', { cause });
}
