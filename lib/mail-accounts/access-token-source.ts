import 'server-only';
import type { MailAccount } from '../../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { MailServer, ServerKind } from '../mail/server/mail-server.ts';

/**
 * Gives a fresh OAuth2 access token for one server of an account, refreshing the grant when it
 * is near expiry and storing the new tokens (lib/mail-accounts/store-oauth2-grant.ts). The sync
 * runner and the outbox sender call it before every connection of an `oauth2` server. It rejects
 * with MAIL_OAUTH_RECONNECT_REQUIRED when only the owner can help (revoked consent, invalid_grant),
 * with a retryable error for passing trouble at the authorization server.
 *
 * The real one is createOAuthAccessTokenSource (oauth-access-token-source.ts), injected through
 * `AppServices.accessTokens` by lib/server/create-services.ts.
 */
export type AccessTokenSource = (account: MailAccount, server: ServerKind) => Promise<string>;

/** Until a deployment has an OAuth2 token source, an `oauth2` account cannot connect: its owner is asked to sign in again. */
export const noAccessTokenSource: AccessTokenSource = () => Promise.reject(new AppError('MAIL_OAUTH_RECONNECT_REQUIRED'));

/**
 * The server ready to connect: a password as stored; an OAuth2 grant with the access token the
 * source gives now (the stored one may have expired since it was sealed).
 */
export async function withFreshAccessToken(
  server: MailServer,
  account: MailAccount,
  kind: ServerKind,
  accessTokens: AccessTokenSource = noAccessTokenSource,
): Promise<MailServer> {
  if (server.credentials.kind !== 'oauth2') return server;
  const accessToken = await accessTokens(account, kind);
  return { ...server, credentials: { ...server.credentials, accessToken } };
}
