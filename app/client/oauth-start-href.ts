/**
 * The link that starts Google or Microsoft sign-in for a mailbox (lib/server/oauth-routes.ts): a
 * plain navigation, so the browser follows the provider's redirects and comes back to the app.
 * `account` makes it "Sign in again" for that account; `from` is where errors come back to. Pure.
 */
export function oauthStartHref(options: {
  provider: string;
  email?: string;
  account?: string;
  from?: 'inbox' | 'setup' | 'settings';
}): string {
  const params = new URLSearchParams({ provider: options.provider });
  if (options.email) params.set('email', options.email);
  if (options.account) params.set('account', options.account);
  if (options.from) params.set('from', options.from);
  return `/api/oauth/start?${params}`;
}

/** The `?oauthError=CODE` a failed sign-in came back with, if the page's URL has one (shapes only: a code). */
export function oauthErrorOf(search: string): string | null {
  const code = new URLSearchParams(search).get('oauthError');
  return code && /^[A-Z_]{1,64}$/.test(code) ? code : null;
}

/** The codes after which only signing in with the provider again helps (lib/errors.ts). */
const SIGN_IN_AGAIN_CODES = new Set(['MAIL_OAUTH_RECONNECT_REQUIRED', 'OAUTH_GRANT_REVOKED']);

/**
 * "Sign in again" applies to an OAuth2 account the runner stopped for its grant: the stored status,
 * or the live sync progress's error code (which arrives before the account list is read again).
 */
export function needsOAuthSignIn(
  account: { status: string; imap: { authKind?: string; oauthProvider?: string | null } },
  liveErrorCode?: string | null,
): account is { status: string; imap: { authKind: 'OAUTH2'; oauthProvider: string } } {
  return (
    account.imap.authKind === 'OAUTH2' &&
    Boolean(account.imap.oauthProvider) &&
    (account.status === 'RECONNECT_REQUIRED' || SIGN_IN_AGAIN_CODES.has(liveErrorCode ?? ''))
  );
}
