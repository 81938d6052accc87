/**
 * The link that starts Google or Microsoft sign-in for a mailbox (lib/server/oauth-routes.ts): a
 * plain navigation, so the browser follows the provider's redirects and comes back to the app.
 * `account` makes it "Sign in again" for that account; `from` is where errors come back to. Pure.
 */
export function oauthStartHref(options: {
  provider: string;
  email?: string;
  account?: string;
  from?: 'inbox' | 'settings';
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

/** "Sign in again" applies to an OAuth2 account the runner stopped for its grant. */
export function needsOAuthSignIn(account: {
  status: string;
  imap: { authKind?: string; oauthProvider?: string | null };
}): account is { status: string; imap: { authKind: 'OAUTH2'; oauthProvider: string } } {
  return account.status === 'RECONNECT_REQUIRED' && account.imap.authKind === 'OAUTH2' && Boolean(account.imap.oauthProvider);
}
