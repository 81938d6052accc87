import 'server-only';
import * as client from 'openid-client';
import { AppError } from '../../errors.ts';
import { openProvider, type OAuthDeps } from './open-provider.ts';
import type { OAuthClient } from './providers.ts';

export interface StartedAuthorization {
  /** Where to send the browser: the provider's sign-in and consent page. */
  url: string;
  /** Keep both with the person's session until the callback, and never show them to the browser. */
  state: string;
  codeVerifier: string;
}

/**
 * The first half of the authorization code flow (RFC 6749 §4.1) with PKCE S256 (RFC 7636) and a
 * `state` against login CSRF (RFC 6749 §10.12). `loginHint` (the address the person typed) lets
 * Google and Microsoft preselect that account.
 *
 * @throws AppError OAUTH_PROVIDER_UNAVAILABLE when the provider's metadata cannot be read.
 */
export async function startAuthorization(
  oauth: OAuthClient,
  redirectUri: string,
  deps: OAuthDeps,
  options: { loginHint?: string } = {},
): Promise<StartedAuthorization> {
  let config: client.Configuration;
  try {
    config = await openProvider(oauth, deps);
  } catch (cause) {
    throw new AppError('OAUTH_PROVIDER_UNAVAILABLE', { cause });
  }
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: oauth.provider.scopes.join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    ...oauth.provider.authorizationParams,
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  });
  return { url: url.href, state, codeVerifier };
}
