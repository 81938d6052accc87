/**
 * The deployment's OAuth2 token source (issue 13) against the wire: the local authorization server
 * (e2e/oauth-stack) and real PostgreSQL, two "processes" (two database handles, two token sources,
 * each with its own in-process memo) sharing one account.
 *
 * 1. A fresh stored token is served without asking the provider.
 * 2. An expiring token: callers in two processes at once (IMAP and SMTP in each) → exactly one
 *    request to the token endpoint; all get the new token, which opens IMAP; the grant is stored.
 * 3. A revoked grant → MAIL_OAUTH_RECONNECT_REQUIRED (the sync stops, no retry storm).
 * 4. The provider unreachable → OAUTH_PROVIDER_UNAVAILABLE (retryable).
 *
 * Run: node --import tsx --import ./scripts/register-server-only.mjs --test lib/mail-accounts/oauth-access-token-source.service.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ImapFlow } from 'imapflow';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { findUserMailAccount, insertMailAccount } from '../../db/queries/mail-accounts.ts';
import type { MailAccount } from '../../db/schema/index.ts';
import { startMailStack, type MailStack } from '../../e2e/mail-stack/index.ts';
import { driveConsent } from '../../e2e/oauth-stack/drive-consent.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import { AppError } from '../errors.ts';
import { finishAuthorization } from '../mail/oauth/finish-authorization.ts';
import { oauthDepsForNetwork } from '../mail/oauth/oauth-deps-for-network.ts';
import type { OAuthDeps } from '../mail/oauth/open-provider.ts';
import { GOOGLE, type OAuthClient } from '../mail/oauth/providers.ts';
import { startAuthorization } from '../mail/oauth/start-authorization.ts';
import type { MailServer, OAuth2Credentials } from '../mail/server/mail-server.ts';
import { mailServerColumns, readMailServer } from './mail-server-row.ts';
import { createOAuthAccessTokenSource } from './oauth-access-token-source.ts';
import type { ConfiguredOAuthProviders } from './oauth-providers-for-config.ts';

const ANN = { email: 'ann@example.test', password: 'ann-mail-pw' };
const REDIRECT_URI = 'http://127.0.0.1:3999/api/oauth/callback';
const key: CredentialsKey = { key: Buffer.alloc(32, 7), keyId: 'abcdef01' };

let stack: MailStack;
let testDb: TestDatabase;
let processes: Database[] = [];
let client: OAuthClient;
let providers: ConfiguredOAuthProviders;
let userId: string;
let tenantId: string;

/** One process's OAuth door, counting what it asks the token endpoint. */
function countingDeps(): OAuthDeps & { tokenRequests: () => number } {
  const port = new URL(stack.oauth!.issuer).port;
  const inner = oauthDepsForNetwork({ guard: { mode: 'online', allowlist: [`127.0.0.1:${port}`] } });
  let count = 0;
  return {
    fetch: (url, init) => {
      if (new URL(url).pathname === '/token') count++;
      return inner.fetch(url, init);
    },
    tokenRequests: () => count,
  };
}

before(async () => {
  stack = await startMailStack({ oauth: true });
  await stack.addUsers([ANN]);
  testDb = await createTestDatabase();
  processes = [
    await openDatabase({ databaseUrl: testDb.url, dataDir: '' }),
    await openDatabase({ databaseUrl: testDb.url, dataDir: '' }),
  ];
  await migrateDatabase(processes[0]!);
  const { clientId, clientSecret } = stack.oauth!.clients['google-test'];
  client = { provider: { ...GOOGLE, issuer: stack.oauth!.issuer, allowHttp: true }, clientId, clientSecret };
  const endpoint = { host: 'localhost', port: stack.ports.imaps, ssl: true };
  providers = { google: { client, imap: endpoint, smtp: { ...endpoint, port: stack.ports.smtps } } };
  ({ userId, tenantId } = await insertTestAccount(processes[0]!.db, { email: 'owner@t.test' }));
});
after(async () => {
  for (const db of processes) await db.close().catch(() => {});
  await testDb?.drop();
  await stack?.stop();
});

/** A grant from a real sign-in, stored on a new account as if it expires at `expiresAt`. */
async function accountWithGrant(email: string, expiresAt: Date): Promise<{ account: MailAccount; grant: OAuth2Credentials }> {
  const deps = countingDeps();
  const started = await startAuthorization(client, REDIRECT_URI, deps);
  const callback = await driveConsent(started.url, ANN);
  const { tokens } = await finishAuthorization(client, { redirectUri: REDIRECT_URI, callback, ...started }, deps);
  const grant: OAuth2Credentials = { kind: 'oauth2', provider: 'google', ...tokens, expiresAt };
  const server = (port: number): MailServer => ({ host: 'localhost', port, ssl: true, username: ANN.email, credentials: grant });
  const account = await insertMailAccount(
    processes[0]!.db,
    {
      tenantId,
      userId,
      email,
      settingsSource: 'provider',
      ...mailServerColumns('imap', server(stack.ports.imaps), key),
      ...mailServerColumns('smtp', server(stack.ports.smtps), key),
      status: 'connected',
    },
    [],
    false,
  );
  return { account: account!, grant };
}

async function imapOpens(accessToken: string): Promise<boolean> {
  const imap = new ImapFlow({
    host: stack.host,
    port: stack.ports.imaps,
    secure: true,
    auth: { user: ANN.email, accessToken },
    tls: { ca: stack.certPem },
    logger: false,
  });
  try {
    await imap.connect();
    return true;
  } catch {
    return false;
  } finally {
    await imap.logout().catch(() => imap.close());
  }
}

test('a fresh stored token is served without asking the provider', async () => {
  const { account, grant } = await accountWithGrant('fresh@example.test', new Date(Date.now() + 3600_000));
  const deps = countingDeps();
  const source = createOAuthAccessTokenSource({ db: processes[0]!.db, credentialsKey: key, providers, oauth: deps });
  assert.equal(await source(account, 'imap'), grant.accessToken);
  assert.equal(await source(account, 'smtp'), grant.accessToken);
  assert.equal(deps.tokenRequests(), 0);
});

test('an expiring token: callers in two processes at once make one refresh, and all get the new token', async () => {
  const { account, grant } = await accountWithGrant('expiring@example.test', new Date(Date.now() + 60_000));
  const [a, b] = [countingDeps(), countingDeps()];
  const sources = [a, b].map((deps, i) =>
    createOAuthAccessTokenSource({ db: processes[i]!.db, credentialsKey: key, providers, oauth: deps }),
  );
  const tokens = await Promise.all([
    sources[0]!(account, 'imap'),
    sources[0]!(account, 'smtp'),
    sources[1]!(account, 'imap'),
    sources[1]!(account, 'smtp'),
  ]);
  assert.equal(a.tokenRequests() + b.tokenRequests(), 1, 'one request to the token endpoint');
  assert.equal(new Set(tokens).size, 1, 'everyone got the same token');
  assert.notEqual(tokens[0], grant.accessToken, 'a new one');
  assert.equal(await imapOpens(tokens[0]!), true, 'which opens the mailbox');

  // Stored for both servers, sealed: a third process reading the row needs no refresh.
  const stored = await findUserMailAccount(processes[1]!.db, userId, account.id);
  for (const kind of ['imap', 'smtp'] as const) {
    const { credentials } = readMailServer(stored!, kind, key);
    assert.equal(credentials.kind === 'oauth2' && credentials.accessToken, tokens[0]);
  }
  const c = countingDeps();
  const third = createOAuthAccessTokenSource({ db: processes[1]!.db, credentialsKey: key, providers, oauth: c });
  assert.equal(await third(stored!, 'imap'), tokens[0]);
  // The stale row a runner holds: the lock re-reads the grant another process stored.
  assert.equal(await third(account, 'smtp'), tokens[0]);
  assert.equal(c.tokenRequests(), 0);
});

test('a revoked grant asks the owner to sign in again, and is not refreshed again in a loop', async () => {
  const { account } = await accountWithGrant('revoked@example.test', new Date(Date.now() - 1000));
  await stack.oauth!.revokeGrants(ANN.email);
  const deps = countingDeps();
  const source = createOAuthAccessTokenSource({ db: processes[0]!.db, credentialsKey: key, providers, oauth: deps });
  const reconnect = (err: unknown) => err instanceof AppError && err.code === 'MAIL_OAUTH_RECONNECT_REQUIRED';
  await assert.rejects(Promise.all([source(account, 'imap'), source(account, 'smtp')]), reconnect);
  assert.equal(deps.tokenRequests(), 1, 'both callers shared the one failed refresh');
});

test('an unreachable provider is passing trouble (retried by the caller), not a reconnect', async () => {
  const { account, grant } = await accountWithGrant('down@example.test', new Date(Date.now() - 1000));
  const down: ConfiguredOAuthProviders = {
    google: { ...providers.google!, client: { ...client, provider: { ...client.provider, issuer: 'http://127.0.0.1:9/' } } },
  };
  const source = createOAuthAccessTokenSource({
    db: processes[0]!.db,
    credentialsKey: key,
    providers: down,
    oauth: oauthDepsForNetwork({ guard: { mode: 'online', allowlist: ['127.0.0.1:9'] } }),
  });
  await assert.rejects(
    source(account, 'imap'),
    (err: unknown) => err instanceof AppError && err.code === 'OAUTH_PROVIDER_UNAVAILABLE',
  );
  // The grant stays as it was: a later refresh with the provider back can still use it.
  const stored = await findUserMailAccount(processes[0]!.db, userId, account.id);
  const { credentials } = readMailServer(stored!, 'imap', key);
  assert.equal(credentials.kind === 'oauth2' && credentials.refreshToken, grant.refreshToken);
});
