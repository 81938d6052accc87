// Fault drill (issue 11: "server killed mid-send → never delivered twice"): a sender in its own
// process hands a whole message to a real SMTP server, which holds its reply; the process is
// killed with SIGKILL in that window. Another sender (as a restarted or a second server would run)
// finds the claim expired and leaves the message UNCERTAIN: the SMTP server saw one transaction,
// and sees no second one however long the survivor runs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { findOutboxMessage } from '../../db/queries/outbox.ts';
import { mailAccounts } from '../../db/schema/index.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { seal } from '../crypto/secret-box.ts';
import { createInProcessBus } from '../events/in-process-bus.ts';
import { startTestSmtpServer, type DataBehaviour } from './fixtures/test-smtp-server.ts';
import { startOutboxSender } from './outbox-sender.ts';
import { queueMessage } from './queue-message.ts';
import { outboxSubmitter } from './submit-outbox-message.ts';

const keyText = randomBytes(32).toString('base64');
const key = loadCredentialsKey(keyText, '/nonexistent');
let testDb: TestDatabase;
let database: Database;
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
const behaviours: DataBehaviour[] = ['hold'];

before(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  await migrateDatabase(database);
  smtp = await startTestSmtpServer({ behaviour: () => behaviours.shift() ?? 'accept' });
});
after(async () => {
  await smtp?.close();
  await database?.close();
  await testDb?.drop();
});

test('a sender killed while the server holds its reply: the message is uncertain, never sent again', async () => {
  const db = database.db;
  const account = await insertTestAccount(db, {
    email: 'kim@acme.test',
    host: '127.0.0.1',
    smtpPort: smtp.port,
    sealed: seal('pw', key),
  });
  await db.update(mailAccounts).set({ smtpSsl: false }).where(eq(mailAccounts.id, account.accountId));
  const bus = createInProcessBus();

  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './scripts/register-server-only.mjs',
      path.join(import.meta.dirname, 'fixtures/run-outbox-sender.ts'),
      testDb.url,
      keyText,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit');
  try {
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    assert.match(line.toString(), /ready/);
    const row = await queueMessage(
      { db, bus },
      { userId: account.userId, name: 'Kim' },
      {
        accountId: account.accountId,
        to: ['ann@example.nl'],
        cc: [],
        bcc: [],
        subject: 'killed mid-send',
        text: 'Hello',
        html: null,
        replyToMessageId: null,
        forwardMessageId: null,
        forwardAsAttachment: false,
        attachmentIds: [],
      },
    );
    // The whole message is at the server, which has not answered: the window.
    while (smtp.held() < 1) await new Promise((r) => setTimeout(r, 20));
    assert.equal((await findOutboxMessage(db, row.id))?.state, 'sending');
    child.kill('SIGKILL');
    await exited;

    const survivor = startOutboxSender(
      {
        db,
        bus,
        submit: outboxSubmitter({ db, credentialsKey: key, network: { guard: { mode: 'onsite' } }, allowPlaintextAuth: true }),
      },
      { pollMs: 100, leaseMs: 2_000 },
    );
    try {
      let now = await findOutboxMessage(db, row.id);
      while (now?.state === 'sending') {
        await new Promise((r) => setTimeout(r, 50));
        now = await findOutboxMessage(db, row.id);
      }
      assert.equal(now?.state, 'uncertain');
      assert.equal(now?.lastErrorCode, 'SEND_UNCERTAIN');
      // Proof the survivor kept working meanwhile: a later message goes out, and still the first
      // was seen by the server once.
      const later = await queueMessage(
        { db, bus },
        { userId: account.userId, name: 'Kim' },
        {
          accountId: account.accountId,
          to: ['ann@example.nl'],
          cc: [],
          bcc: [],
          subject: 'after the drill',
          text: 'Hello again',
          html: null,
          replyToMessageId: null,
          forwardMessageId: null,
          forwardAsAttachment: false,
          attachmentIds: [],
        },
      );
      while ((await findOutboxMessage(db, later.id))?.state !== 'sent') await new Promise((r) => setTimeout(r, 50));
      assert.equal(smtp.accepted.filter((m) => m.toString().includes('Subject: killed mid-send')).length, 1);
      assert.equal((await findOutboxMessage(db, row.id))?.state, 'uncertain');
    } finally {
      await survivor.stop();
      await bus.close();
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
