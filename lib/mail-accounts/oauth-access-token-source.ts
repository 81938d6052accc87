import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { mailAccounts, type MailAccount } from '../../db/schema/index.ts';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import { AppError } from '../errors.ts';
import type { OAuthDeps } from '../mail/oauth/open-provider.ts';
import { refreshGrant } from '../mail/oauth/refresh-grant.ts';
import { tokenNeedsRefresh } from '../mail/oauth/token-needs-refresh.ts';
import type { OAuth2Credentials, ServerKind } from '../mail/server/mail-server.ts';
import type { AccessTokenSource } from './access-token-source.ts';
import { readMailServer } from './mail-server-row.ts';
import { isOAuthProviderId, type ConfiguredOAuthProviders } from './oauth-providers-for-config.ts';
import { storeOAuth2Grant } from './store-oauth2-grant.ts';

export interface OAuthAccessTokenSourceDeps {
  db: Db;
  credentialsKey: CredentialsKey;
  providers: ConfiguredOAuthProviders;
  oauth: OAuthDeps;
  /** @default Date.now */
  now?: () => number;
}

/**
 * The deployment's AccessTokenSource (issue 13): the stored access token while it is fresh; near
 * expiry one refresh per grant, whatever the number of callers and processes.
 *
 * - Across processes: the refresh runs in a transaction holding the account's row lock
 *   (`SELECT … FOR UPDATE`), and the grant is read again under the lock: a process that waited
 *   finds the token another one just stored and uses it. Microsoft rotates refresh tokens, so two
 *   refreshes with the same one could leave the loser's token stored (refresh-grant.ts).
 * - In the process: concurrent callers for one account (its IMAP runner and its SMTP sender) share
 *   one promise, so they do not even queue on the lock.
 * - `invalid_grant` (revoked consent, changed password) → MAIL_OAUTH_RECONNECT_REQUIRED: the sync
 *   stops as reconnect_required and the refresh is not tried again until the owner signs in again
 *   (no retry storm). A provider that is down → OAUTH_PROVIDER_UNAVAILABLE, retried after backoff.
 */
export function createOAuthAccessTokenSource(deps: OAuthAccessTokenSourceDeps): AccessTokenSource {
  const now = deps.now ?? Date.now;
  const inFlight = new Map<string, Promise<string>>();
  // The newest grant this process saw per account version: a runner keeps the account row it started
  // with, whose sealed grant is stale after the first refresh. A reconnect moves `updated_at`, so a
  // grant it replaced is never served from here.
  const latest = new Map<string, OAuth2Credentials>();
  const versionOf = (account: MailAccount) => `${account.id}@${account.updatedAt.getTime()}`;

  const fresh = (grant: OAuth2Credentials) => !tokenNeedsRefresh(grant, new Date(now()));

  async function refreshUnderLock(accountId: string, kind: ServerKind): Promise<string> {
    return deps.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(mailAccounts).where(eq(mailAccounts.id, accountId)).for('update');
      if (!locked) throw new AppError('NOT_FOUND', { message: 'This mail account does not exist (any more).' });
      const grant = grantOf(locked, kind, deps.credentialsKey);
      if (fresh(grant)) return remember(locked, grant); // another process refreshed while this one waited
      const configured = isOAuthProviderId(grant.provider) ? deps.providers[grant.provider] : undefined;
      if (!configured) throw new AppError('OAUTH_NOT_CONFIGURED', { details: { provider: grant.provider } });
      let tokens;
      try {
        tokens = await refreshGrant(configured.client, grant.refreshToken, deps.oauth);
      } catch (error) {
        if (error instanceof AppError && error.code === 'OAUTH_GRANT_REVOKED')
          throw new AppError('MAIL_OAUTH_RECONNECT_REQUIRED', { cause: error, details: error.details });
        throw error;
      }
      const refreshed: OAuth2Credentials = { ...grant, ...tokens };
      await storeOAuth2Grant(tx as unknown as Db, locked, refreshed, deps.credentialsKey);
      return remember(locked, refreshed);
    });
  }

  function remember(account: MailAccount, grant: OAuth2Credentials): string {
    latest.set(versionOf(account), grant);
    return grant.accessToken;
  }

  return async (account, kind) => {
    const known = latest.get(versionOf(account));
    if (known && fresh(known)) return known.accessToken;
    const grant = grantOf(account, kind, deps.credentialsKey);
    if (fresh(grant)) return grant.accessToken;
    let pending = inFlight.get(account.id);
    if (!pending) {
      pending = refreshUnderLock(account.id, kind).finally(() => inFlight.delete(account.id));
      inFlight.set(account.id, pending);
    }
    return pending;
  };
}

function grantOf(account: MailAccount, kind: ServerKind, key: CredentialsKey): OAuth2Credentials {
  const { credentials } = readMailServer(account, kind, key);
  if (credentials.kind !== 'oauth2') throw new AppError('MAIL_OAUTH_RECONNECT_REQUIRED', { details: { server: kind } });
  return credentials;
}
