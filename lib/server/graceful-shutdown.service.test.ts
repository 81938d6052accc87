// Issue 8, item 11: stopping the server while a browser is subscribed. The real app process
// (needs `next build`), a real mail account syncing from the test Dovecot (so a sync lease is
// held), a signed-in graphql-ws subscriber; then SIGTERM, as systemd or `docker stop` sends it.
import assert from 'node:assert/strict';
import { X509Certificate, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { mailAccounts, users } from '../../db/schema/index.ts';
import { startMailStack, type MailStack } from '../../e2e/mail-stack/index.ts';
import { startAppProcess, type AppProcess } from '../../e2e/support/app-process.ts';
import { GraphQLHttpClient, subscribe } from '../../e2e/support/graphql-client.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { hashPassword } from '../auth/password.ts';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { seal } from '../crypto/secret-box.ts';
import { eventually } from '../sync/fixtures/sync-test-env.ts';

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { email } } }`;

let stack: MailStack;
let testDb: TestDatabase;
let database: Database;
let app: AppProcess | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-shutdown-'));

before(async () => {
  stack = await startMailStack();
  testDb = await createTestDatabase('crm_shutdown');
  database = await openDatabase({ databaseUrl: testDb.url, dataDir });
  await migrateDatabase(database);
});
after(async () => {
  await app?.stop('SIGKILL');
  await database?.close();
  await testDb?.drop();
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('SIGTERM with a subscriber connected: the socket is closed "going away", the sync lease released, exit 0', async () => {
  const keyBase64 = randomBytes(32).toString('base64');
  const email = 'stopper@example.test';
  const password = 'pw-stopper-1';
  await stack.addUser(email, password);
  const { accountId, userId } = await insertTestAccount(database.db, {
    email,
    host: stack.host,
    imapPort: stack.ports.imaps,
    smtpPort: stack.ports.smtps,
    sealed: seal(password, loadCredentialsKey(keyBase64, dataDir)),
    fingerprint: new X509Certificate(stack.certPem).fingerprint256,
  });
  await database.db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, userId));

  app = await startAppProcess({ DATABASE_URL: testDb.url, DATA_DIR: dataDir, MAIL_CREDENTIALS_KEY: keyBase64 });
  const lease = async () => {
    const [row] = await database.db
      .select({ holder: mailAccounts.syncLeaseHolder, expiresAt: mailAccounts.syncLeaseExpiresAt })
      .from(mailAccounts)
      .where(eq(mailAccounts.id, accountId));
    return row!;
  };
  await eventually(lease, (row) => row.holder !== null, 30_000);

  const browser = new GraphQLHttpClient(app.url);
  await browser.data(SIGN_IN, { e: email, p: password });
  const ws = browser.ws();
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('closed', (event) => resolve(event as { code: number; reason: string })),
  );
  const events = subscribe<{ syncProgress: { phase: string } }>(
    ws,
    `subscription { syncProgress(accountId: "${accountId}") { phase } }`,
  );
  // The first event is the runner's current state: the subscription is live on the server.
  const first = await events.next(30_000);
  assert.ok(first.data?.syncProgress.phase, JSON.stringify(first));

  const exitCode = await app.stop('SIGTERM');
  const output = app.output();
  app = undefined;
  assert.equal(exitCode, 0, `clean exit after SIGTERM; output:\n${output}`);
  assert.deepEqual(await closed.then(({ code, reason }) => ({ code, reason })), { code: 1001, reason: 'Going away' });
  assert.deepEqual(await lease(), { holder: null, expiresAt: null }, 'the lease is given back for another process');
  await ws.dispose();
});
