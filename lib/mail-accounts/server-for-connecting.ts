import 'server-only';
import type { MailAccount } from '../../db/schema/index.ts';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import type { MailServer, ServerKind } from '../mail/server/mail-server.ts';
import { withFreshAccessToken, type AccessTokenSource } from './access-token-source.ts';
import { readMailServer } from './mail-server-row.ts';

/** What opening a stored account's server takes: the key its secrets are sealed with, and where fresh OAuth2 access tokens come from. */
export interface StoredServerAccess {
  credentialsKey: CredentialsKey;
  /** @default noAccessTokenSource: an OAuth2 account must sign in again */
  accessTokens?: AccessTokenSource;
}

/**
 * One server of a stored account, ready for openImapClient or submitMessage: its secret unsealed,
 * and for an OAuth2 grant a fresh access token (the sync runner and the outbox sender call this
 * before every connection, so a token is refreshed ahead of its expiry rather than refused).
 */
export async function serverForConnecting(
  account: MailAccount,
  kind: ServerKind,
  access: StoredServerAccess,
): Promise<MailServer> {
  return withFreshAccessToken(readMailServer(account, kind, access.credentialsKey), account, kind, access.accessTokens);
}
