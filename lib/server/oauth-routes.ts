import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUuid } from '../../db/is-uuid.ts';
import type { AppServices } from '../app-services.ts';
import { readCookie } from '../auth/cookies.ts';
import { hashSessionToken } from '../auth/session-token.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import { loggerFor } from '../log/logger.ts';
import { connectOAuthMailAccount } from '../mail-accounts/connect-oauth-mail-account.ts';
import { isOAuthProviderId } from '../mail-accounts/oauth-providers-for-config.ts';
import {
  OAUTH_SIGN_IN_TTL_MS,
  openSignInState,
  sealSignInState,
  type OAuthSignInState,
} from '../mail-accounts/oauth-sign-in-state.ts';
import { finishAuthorization } from '../mail/oauth/finish-authorization.ts';
import { startAuthorization } from '../mail/oauth/start-authorization.ts';
import { OAUTH_CALLBACK_PATH, oauthRedirectUri } from './oauth-redirect-uri.ts';
import { requestViewer, sessionTokenOf } from './request-viewer.ts';
import { sendApiError } from './send-api-error.ts';

export const OAUTH_START_PATH = '/api/oauth/start';
/** Sent back only to the callback's path: no page or script ever sees it. */
const STATE_COOKIE = 'crm_oauth';
const MAX_EMAIL_LENGTH = 320; // RFC 5321 §4.5.3.1: 64 + @ + 255
/** Where a sign-in may return to: the two pages with "Connect your mailbox" / "Sign in again". */
const RETURN_PAGES = { inbox: '/inbox', setup: '/inbox?setup=new', settings: '/settings/email' } as const;

/**
 * Google and Microsoft sign-in for mailboxes (issue 13), on the app's own origin:
 *
 * - `GET /api/oauth/start?provider=google|microsoft[&email=…][&account=<id>][&from=inbox|setup|settings]`:
 *   needs a session; starts the code flow (PKCE, state), seals what the callback needs into a
 *   short-lived httpOnly cookie bound to the session, and redirects to the provider.
 * - `GET /api/oauth/callback?code=…&state=…`: same session and cookie; exchanges the code, verifies
 *   IMAP and SMTP with the token, saves the account (or the reconnected account's new grant), and
 *   redirects to the inbox. Any failure redirects back to the page it started from with
 *   `?oauthError=<code>` (a code of lib/errors.ts the page shows translated).
 *
 * The cookie is SameSite=Lax: the provider's redirect back is a top-level GET navigation, which Lax
 * sends it on; a cross-site POST or subresource never carries it.
 */
export async function serveOAuthRoute(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (url.pathname !== OAUTH_START_PATH && url.pathname !== OAUTH_CALLBACK_PATH) return false;
  if (req.method !== 'GET') {
    sendApiError(res, 405, 'BAD_USER_INPUT', { allow: 'GET' });
    return true;
  }
  const viewer = await requestViewer(services, req);
  const token = sessionTokenOf(req);
  if (!viewer || !token) {
    sendApiError(res, 401, 'UNAUTHENTICATED');
    return true;
  }
  const sessionHash = hashSessionToken(token);
  if (url.pathname === OAUTH_START_PATH) await start(services, req, res, url, sessionHash, viewer.user.id);
  else await callback(services, req, res, url, sessionHash, viewer);
  return true;
}

async function start(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  sessionHash: string,
  userId: string,
): Promise<void> {
  const from = url.searchParams.get('from');
  const returnTo = from === 'settings' || from === 'setup' ? RETURN_PAGES[from] : RETURN_PAGES.inbox;
  const provider = url.searchParams.get('provider');
  const email = url.searchParams.get('email')?.trim() || undefined;
  const accountId = url.searchParams.get('account') || undefined;
  // Bounded before any other work (house rule 14); a bad parameter is a page bug, answered plainly.
  if (!isOAuthProviderId(provider) || (email && email.length > MAX_EMAIL_LENGTH) || (accountId && !isUuid(accountId))) {
    sendApiError(res, 400, 'BAD_USER_INPUT');
    return;
  }
  const configured = services.oauth.providers[provider];
  if (!configured) return backTo(res, returnTo, 'OAUTH_NOT_CONFIGURED');
  if (!services.limits.mailLookupsByUser.hit(userId)) return backTo(res, returnTo, 'RATE_LIMITED');
  const redirectUri = callbackUrl(services, req);
  try {
    const started = await startAuthorization(configured.client, redirectUri, services.oauth.deps, {
      ...(email ? { loginHint: email } : {}),
    });
    const state: OAuthSignInState = {
      provider,
      state: started.state,
      codeVerifier: started.codeVerifier,
      redirectUri,
      sessionHash,
      ...(email ? { email } : {}),
      ...(accountId ? { accountId } : {}),
      returnTo,
      expiresAt: Date.now() + OAUTH_SIGN_IN_TTL_MS,
    };
    res.writeHead(303, {
      location: started.url,
      'set-cookie': stateCookie(services, sealSignInState(state, services.credentialsKey), OAUTH_SIGN_IN_TTL_MS / 1000),
      'cache-control': 'private, no-store',
    });
    res.end();
  } catch (error) {
    backTo(res, returnTo, errorCode(error));
  }
}

async function callback(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  sessionHash: string,
  viewer: NonNullable<Awaited<ReturnType<typeof requestViewer>>>,
): Promise<void> {
  const clear = stateCookie(services, '', 0); // one use: whatever happens next
  const signIn = openSignInState(readCookie(req.headers.cookie, STATE_COOKIE), sessionHash, services.credentialsKey);
  const configured = signIn && services.oauth.providers[signIn.provider];
  if (!signIn || !configured) return backTo(res, RETURN_PAGES.inbox, 'OAUTH_SIGN_IN_FAILED', clear);
  try {
    const signedIn = await finishAuthorization(
      configured.client,
      { redirectUri: signIn.redirectUri, callback: url.search, state: signIn.state, codeVerifier: signIn.codeVerifier },
      services.oauth.deps,
    );
    await connectOAuthMailAccount(services, viewer, configured, {
      provider: signIn.provider,
      signedIn,
      ...(signIn.email ? { expectedEmail: signIn.email } : {}),
      ...(signIn.accountId ? { accountId: signIn.accountId } : {}),
    });
    res.writeHead(303, { location: RETURN_PAGES.inbox, 'set-cookie': clear, 'cache-control': 'private, no-store' });
    res.end();
  } catch (error) {
    backTo(res, signIn.returnTo, errorCode(error), clear);
  }
}

function callbackUrl(services: AppServices, req: IncomingMessage): string {
  const { publicUrl, cookieSecure, port } = services.config;
  return oauthRedirectUri({ publicUrl, secure: cookieSecure, host: req.headers.host, port });
}

function stateCookie(services: AppServices, value: string, maxAgeSeconds: number): string {
  const parts = [`${STATE_COOKIE}=${value}`, `Path=/api/oauth/`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (services.config.cookieSecure) parts.push('Secure');
  return parts.join('; ');
}

function backTo(res: ServerResponse, page: string, code: ErrorCode, cookie?: string): void {
  res.writeHead(303, {
    location: `${page}${page.includes('?') ? '&' : '?'}oauthError=${code}`,
    'cache-control': 'private, no-store',
    ...(cookie ? { 'set-cookie': cookie } : {}),
  });
  res.end();
}

function errorCode(error: unknown): ErrorCode {
  if (error instanceof AppError)
    return error.code === 'OAUTH_SIGN_IN_FAILED' && error.details?.reason === 'mail_scope_missing'
      ? 'OAUTH_SCOPE_MISSING'
      : error.code;
  loggerFor('oauth').error({ err: error }, 'oauth: sign-in failed unexpectedly');
  return 'OAUTH_SIGN_IN_FAILED';
}
