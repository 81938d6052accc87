import 'server-only';
import type { TokenEndpointResponse, TokenEndpointResponseHelpers } from 'openid-client';
import type { OAuthTokens } from './oauth-tokens.ts';

/** One hour, Google's and Microsoft's lifetime, for an answer without `expires_in` (RFC 6749 §5.1: RECOMMENDED). */
const DEFAULT_LIFETIME_S = 3600;

/**
 * A token endpoint answer as OAuthTokens; `refreshToken` is '' when the answer has none (the
 * caller decides: a new grant must have one, a refresh keeps the old one).
 */
export function tokensFrom(
  response: TokenEndpointResponse & TokenEndpointResponseHelpers,
  requested: readonly string[],
  now = Date.now(),
): OAuthTokens {
  const lifetime = response.expiresIn() ?? DEFAULT_LIFETIME_S;
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? '',
    expiresAt: new Date(now + lifetime * 1000),
    scopes: typeof response.scope === 'string' ? response.scope.split(' ').filter(Boolean) : [...requested],
  };
}
