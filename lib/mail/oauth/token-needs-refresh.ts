/** Refresh this long before the access token expires. @default 5 minutes */
export const REFRESH_AHEAD_MS = 5 * 60 * 1000;

/**
 * Whether an access token should be refreshed before it is used at `now`: when it expires within
 * `aheadMs`. Ahead, because a token that expires during a long IMAP session's login or between
 * the check and the SMTP AUTH fails the command, and because clocks drift (Google and Microsoft
 * issue one-hour tokens, so five minutes costs one refresh every 55 minutes). Pure.
 */
export function tokenNeedsRefresh(grant: { expiresAt: Date }, now: Date, aheadMs = REFRESH_AHEAD_MS): boolean {
  return grant.expiresAt.getTime() - now.getTime() <= aheadMs;
}
