// An OAuth2 account (issue 13, credentials as a type) through the real database and API: stored
// with its grant sealed (no token byte in the row), read back through the one row mapping, shown
// by GraphQL as OAUTH2 without any token; the sync runner asks the injected AccessTokenSource before
// connecting, retries past its passing failures and stops for MAIL_OAUTH_RECONNECT_REQUIRED like for
// a wrong password (STYLE.md rule 3); the outbox fails such a message at once instead of retrying.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import postgres from 'postgres';
import { findUserMailAccount, insertMailAccount } from '../../db/queries/mail-accounts.ts';
import { insertSession } from '../../db/queries/sessions.ts';
import type { OutboxMessage } from '../../db/schema/index.ts';
import { startApiServer, type ApiServer } from '../../e2e/support/api-server.ts';
import { GraphQLHttpClient } from '../../e2e/support/graphql-client.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../auth/session-token.ts';
import { AppError } from '../errors.ts';
import type { MailServer, OAuth2Credentials } from '../mail/server/mail-server.ts';
import { classifySendFailure } from '../outbox/classify-send-failure.ts';
import { outboxSubmitter } from '../outbox/submit-outbox-message.ts';
import { eventually } from '../sync/fixtures/sync-test-env.ts';
import { startSyncSupervisor } from '../sync/sync-supervisor.ts';
import type { AccessTokenSource } from './access-token-source.ts';
import { mailServerColumns, readMailServer } from './mail-server-row.ts';
import { storeOAuth2Grant } from './store-oauth2-grant.ts';

const grant: OAuth2Credentials = {
  kind: 'oauth2',
  provider: 'google',
  refreshToken: 'refresh-TOKEN-6b1f0e2a',
  accessToken: 'access-TOKEN-93c4d7e8',
  expiresAt: new Date('2026-12-02T21:00:00.000Z'),
  scopes: ['https://mail.google.com/', 'openid', 'email'],
};
// Nothing listens there: the default token source refuses before any connection is tried.
const server = (port: number): MailServer => ({
  host: 'mail.invalid',
  port,
  ssl: true,
  username: 'ann@gmail.test',
  credentials: grant,
});

const ACCOUNT_FIELDS = `{ mailAccounts { id email status lastErrorCode lastErrorMessage
  imap { host port ssl username authKind oauthProvider passwordSet trustedCertificateFingerprint }
  smtp { host port ssl username authKind oauthProvider passwordSet trustedCertificateFingerprint } } }`;

interface AccountView {
  id: string;
  status: string;
  lastErrorCode: string | null;
  imap: { authKind: string; oauthProvider: string | null; passwordSet: boolean };
  smtp: { authKind: string; oauthProvider: string | null; passwordSet: boolean };
}

describe('an OAuth2 account', () => {
  let testDb: TestDatabase;
  let api: ApiServer;
  let ann: GraphQLHttpClient;
  let userId: string;
  let accountId: string;
  const db = () => api.services.database.db;
  const view = async () => {
    const body = await ann.request(ACCOUNT_FIELDS);
    const accounts = (body.data as { mailAccounts: AccountView[] }).mailAccounts;
    return { raw: JSON.stringify(body), account: accounts.find((a) => a.id === accountId)! };
  };
  const syncDeps = (accessTokens?: AccessTokenSource) => ({
    database: api.services.database,
    bus: api.services.bus,
    credentialsKey: api.services.credentialsKey,
    ...(accessTokens ? { accessTokens } : {}),
    network: api.services.mailNetwork,
    allowPlaintextAuth: false,
    downloadDays: async () => 30,
    log: () => {},
    tuning: { backoff: { baseMs: 20, maxMs: 40 } },
  });

  before(async () => {
    testDb = await createTestDatabase();
    api = await startApiServer({ DATABASE_URL: testDb.url });
    // The user first, with a password account beside (which the rest must leave alone).
    const first = await insertTestAccount(db(), { email: 'ann@t.test' });
    userId = first.userId;
    const stored = await insertMailAccount(
      db(),
      {
        tenantId: first.tenantId,
        userId,
        email: 'ann@gmail.test',
        settingsSource: 'provider',
        ...mailServerColumns('imap', server(993), api.services.credentialsKey),
        ...mailServerColumns('smtp', server(465), api.services.credentialsKey),
        status: 'connected',
      },
      [{ path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox' }],
      false,
    );
    accountId = stored!.id;
    const token = newSessionToken();
    await insertSession(db(), hashSessionToken(token), userId, new Date(Date.now() + SESSION_TTL_MS));
    ann = new GraphQLHttpClient(api.url);
    ann.cookie = `${SESSION_COOKIE}=${token}`;
  });
  after(async () => {
    await api?.close();
    await testDb?.drop();
  });

  test('is stored sealed, with no token in the row, and reads back as the same grant', async () => {
    const sql = postgres(testDb.url, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql`select m::text as text, imap_auth_kind, imap_oauth_provider, smtp_auth_kind
        from mail_accounts m where id = ${accountId}`;
      assert.deepEqual([row!.imap_auth_kind, row!.imap_oauth_provider, row!.smtp_auth_kind], ['oauth2', 'google', 'oauth2']);
      const [sealed] = await sql`select imap_secret_sealed from mail_accounts where id = ${accountId}`;
      const opened = Buffer.from(String(sealed!.imap_secret_sealed), 'base64').toString('latin1');
      for (const token of [grant.refreshToken, grant.accessToken]) {
        assert.ok(!String(row!.text).includes(token), `${token} in the row`);
        assert.ok(!opened.includes(token), `${token} in the sealed bytes`);
      }
    } finally {
      await sql.end();
    }
    const account = await findUserMailAccount(db(), userId, accountId);
    assert.deepEqual(readMailServer(account!, 'imap', api.services.credentialsKey), server(993));
    assert.deepEqual(readMailServer(account!, 'smtp', api.services.credentialsKey), server(465));
  });

  test('the API says how it signs in, and never a token', async () => {
    const { raw, account } = await view();
    assert.deepEqual(
      [account.imap, account.smtp].map((s) => [s.authKind, s.oauthProvider, s.passwordSet]),
      [
        ['OAUTH2', 'google', false],
        ['OAUTH2', 'google', false],
      ],
    );
    for (const token of [grant.refreshToken, grant.accessToken]) assert.ok(!raw.includes(token), `${token} in the API answer`);
  });

  test('a refreshed grant is kept for both servers, sealed, and is no change of settings (updated_at stays)', async () => {
    const before = (await findUserMailAccount(db(), userId, accountId))!;
    const refreshed: OAuth2Credentials = {
      ...grant,
      refreshToken: 'rotated-REFRESH-51aa',
      accessToken: 'new-ACCESS-77bc',
      expiresAt: new Date('2026-12-02T22:00:00.000Z'),
    };
    await storeOAuth2Grant(db(), before, refreshed, api.services.credentialsKey);
    const afterward = (await findUserMailAccount(db(), userId, accountId))!;
    assert.deepEqual(readMailServer(afterward, 'imap', api.services.credentialsKey).credentials, refreshed);
    assert.deepEqual(readMailServer(afterward, 'smtp', api.services.credentialsKey).credentials, refreshed);
    assert.equal(afterward.updatedAt.getTime(), before.updatedAt.getTime());
    assert.ok(!JSON.stringify(afterward).includes('new-ACCESS-77bc'));
    // Back to the grant the other tests expect.
    await storeOAuth2Grant(db(), afterward, grant, api.services.credentialsKey);
  });

  test('the sync asks the token source before connecting, and retries past its passing failures', async () => {
    const asked: string[] = [];
    const flaky: AccessTokenSource = async (a, kind) => {
      if (a.id === accountId) asked.push(kind);
      throw new AppError('MAIL_CONNECTION_FAILED', { message: 'the authorization server did not answer' });
    };
    const supervisor = startSyncSupervisor(syncDeps(flaky));
    try {
      await eventually(
        async () => asked.length,
        (n) => n >= 2,
      );
      assert.ok(asked.every((kind) => kind === 'imap'));
      assert.equal((await view()).account.status, 'CONNECTED', 'passing trouble is not reported to the owner');
    } finally {
      await supervisor.stop();
    }
  });

  test('without a token it stops as reconnect required, shown by the API, and is not retried', async () => {
    const supervisor = startSyncSupervisor(syncDeps()); // the default source: no OAuth2 configured
    try {
      const { account } = await eventually(view, ({ account }) => account.status !== 'CONNECTED');
      assert.equal(account.status, 'RECONNECT_REQUIRED');
      assert.equal(account.lastErrorCode, 'MAIL_OAUTH_RECONNECT_REQUIRED');
      assert.equal(supervisor.status(accountId)?.phase, 'error');
    } finally {
      await supervisor.stop();
    }
  });

  test('the outbox fails its message at once rather than retrying a sign-in only the owner can fix', async () => {
    const submit = outboxSubmitter({
      db: db(),
      credentialsKey: api.services.credentialsKey,
      network: api.services.mailNetwork,
      allowPlaintextAuth: false,
    });
    const message = {
      id: '00000000-0000-0000-0000-000000000000',
      userId,
      accountId,
      raw: Buffer.from('Subject: hi\r\n\r\nhi\r\n'),
      draft: { to: ['bob@t.test'], cc: [], bcc: [] },
    } as unknown as OutboxMessage;
    let handedOver = false;
    const error = await submit(message, () => (handedOver = true)).then(
      () => assert.fail('sent without a token'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof AppError && error.code === 'MAIL_OAUTH_RECONNECT_REQUIRED', String(error));
    assert.equal(classifySendFailure(error, handedOver), 'failed');
  });
});
