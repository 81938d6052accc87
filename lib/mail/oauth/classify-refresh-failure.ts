import type { ErrorCode } from '../../errors.ts';

export type RefreshFailure =
  /** The grant is gone (revoked, password changed, expired): the owner must sign in again. */
  | { action: 'reconnect'; code: Extract<ErrorCode, 'OAUTH_GRANT_REVOKED'>; reason: string }
  /** The provider is down, slow, rate-limiting or unreachable: refresh again after a backoff. */
  | { action: 'retry'; code: Extract<ErrorCode, 'OAUTH_PROVIDER_UNAVAILABLE'>; reason: string }
  /** The provider refused this installation's client registration: only the operator can fix it. */
  | { action: 'operator'; code: Extract<ErrorCode, 'OAUTH_CLIENT_REJECTED'>; reason: string };

/**
 * Why a refresh token grant failed, and what to do about it (STYLE.md rules 1 and 3). Pure: reads
 * the shape of what openid-client threw, so it is tested without a network.
 *
 * - An OAuth error answer (RFC 6749 §5.2, openid-client's `ResponseBodyError` with `error`):
 *   `invalid_client`/`unauthorized_client` are the operator's (a rotated or expired client secret);
 *   `temporarily_unavailable`/`server_error` or a 5xx status are passing; everything else, above
 *   all `invalid_grant` (Google: "Token has been expired or revoked."; Microsoft: AADSTS50173
 *   password changed, AADSTS700082 expired, AADSTS65001 consent withdrawn), needs the owner.
 * - An HTTP answer that is no OAuth error: 5xx and 429 are passing; another status is the provider
 *   misbehaving, also passing rather than a reason to drop a grant that may still be good.
 * - No answer at all (DNS, refused, reset, timeout): retry. Retrying never storms: the caller's
 *   backoff schedules it, and a grant classified `reconnect` is not tried again until a new sign-in.
 */
export function classifyRefreshFailure(error: unknown): RefreshFailure {
  const e = error as { error?: unknown; status?: unknown; error_description?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : undefined;
  if (typeof e?.error === 'string') {
    const reason = `${e.error}${typeof e.error_description === 'string' ? `: ${e.error_description}` : ''}`;
    if (e.error === 'invalid_client' || e.error === 'unauthorized_client')
      return { action: 'operator', code: 'OAUTH_CLIENT_REJECTED', reason };
    if (e.error === 'temporarily_unavailable' || e.error === 'server_error' || (status !== undefined && status >= 500))
      return { action: 'retry', code: 'OAUTH_PROVIDER_UNAVAILABLE', reason };
    return { action: 'reconnect', code: 'OAUTH_GRANT_REVOKED', reason };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { action: 'retry', code: 'OAUTH_PROVIDER_UNAVAILABLE', reason: status ? `HTTP ${status}: ${message}` : message };
}
