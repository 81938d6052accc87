import 'server-only';
import * as client from 'openid-client';
import { AppError } from '../../errors.ts';
import { classifyRefreshFailure } from './classify-refresh-failure.ts';
import type { OAuthTokens } from './oauth-tokens.ts';
import { openProvider, type OAuthDeps } from './open-provider.ts';
import type { OAuthClient } from './providers.ts';
import { tokensFrom } from './tokens-from.ts';

/**
 * A new access token for a stored grant (refresh token grant, RFC 6749 §6). The answer's refresh
 * token replaces the old one when the provider rotated it; otherwise the old one stays (see
 * OAuthTokens.refreshToken). Whoever calls this must make sure one process refreshes a grant at a
 * time (the account's lease holder): Microsoft rotates refresh tokens, and two refreshes racing
 * with the same one can leave the stored token the one that lost.
 *
 * @throws AppError with the code classifyRefreshFailure chose: OAUTH_GRANT_REVOKED (reconnect
 *   required), OAUTH_PROVIDER_UNAVAILABLE (retry later), OAUTH_CLIENT_REJECTED (the operator's).
 */
export async function refreshGrant(oauth: OAuthClient, refreshToken: string, deps: OAuthDeps): Promise<OAuthTokens> {
  try {
    const config = await openProvider(oauth, deps);
    const response = await client.refreshTokenGrant(config, refreshToken);
    const tokens = tokensFrom(response, oauth.provider.scopes);
    return { ...tokens, refreshToken: tokens.refreshToken || refreshToken };
  } catch (cause) {
    const failure = classifyRefreshFailure(cause);
    throw new AppError(failure.code, { cause, details: { reason: failure.reason } });
  }
}
