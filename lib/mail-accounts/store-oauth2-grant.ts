import 'server-only';
import type { Db } from '../../db/client.ts';
import { storeServerCredentials } from '../../db/queries/mail-accounts.ts';
import type { MailAccount } from '../../db/schema/index.ts';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import type { OAuth2Credentials, ServerKind } from '../mail/server/mail-server.ts';
import { serverCredentialsColumns, storedServerFacts } from './mail-server-row.ts';

/**
 * Keeps a refreshed grant (a new access token and expiry; a rotated refresh token, as Microsoft
 * issues) for every server of the account that signs in with the same provider: Google and
 * Microsoft grant IMAP and SMTP in one token, so both servers hold the same grant. Sealed as at
 * connect; the account's `updated_at` stays (new tokens are no new settings). For the token source
 * (lib/mail/oauth), which serializes refreshes across processes itself.
 */
export async function storeOAuth2Grant(
  db: Db,
  account: MailAccount,
  grant: OAuth2Credentials,
  key: CredentialsKey,
): Promise<void> {
  const kinds = (['imap', 'smtp'] as const).filter((kind: ServerKind) => {
    const facts = storedServerFacts(account, kind);
    return facts.authKind === 'oauth2' && facts.oauthProvider === grant.provider;
  });
  if (!kinds.length) return;
  await storeServerCredentials(
    db,
    account.id,
    Object.assign({}, ...kinds.map((kind) => serverCredentialsColumns(kind, grant, key))),
  );
}
