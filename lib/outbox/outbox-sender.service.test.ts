// The outbox against a real SMTP server on the wire (smtp-server on loopback, answers chosen per
// test) and real PostgreSQL: accepted once, retried after 4xx and after the server was down,
// failed with the server's words after 5xx, uncertain (never resent) when the connection broke
// after the whole message went over or the sender vanished mid-send, one sender per message
// with two processes' senders on one database (issue 11, "nothing lost, nothing sent twice").
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { cancelQueuedMessage, findOutboxMessage, requeueOutboxMessage, sweepOutbox } from '../../db/queries/outbox.ts';
import { insertUpload } from '../../db/queries/uploads.ts';
import {
  mailAccounts,
  mailFolders,
  messages,
  outboxMessages,
  uploads,
  type OutboxMessage,
  type OutboxState,
} from '../../db/schema/index.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { seal } from '../crypto/secret-box.ts';
import { createInProcessBus } from '../events/in-process-bus.ts';
import type { DataBehaviour } from './fixtures/test-smtp-server.ts';
import { startTestSmtpServer } from './fixtures/test-smtp-server.ts';
import { startOutboxSender, type OutboxSender } from './outbox-sender.ts';
import { queueMessage, type ComposeRequest } from './queue-message.ts';
import { outboxSubmitter } from './submit-outbox-message.ts';

/** What the test server announces in EHLO (RFC 1870), not a round number so it cannot be a default. */
const SMTP_SIZE = 31_457_281;
const key = loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent');

describe('the outbox sender on the wire', () => {
  let testDb: TestDatabase;
  let database: Database;
  let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
  let behaviours: DataBehaviour[] = [];
  let refused = new Set<string>();
  let sender: OutboxSender;
  let account: { userId: string; accountId: string };
  const bus = createInProcessBus();
  const db = () => database.db;

  const startSender = (on: Database) =>
    startOutboxSender(
      {
        db: on.db,
        bus,
        submit: outboxSubmitter({
          db: on.db,
          credentialsKey: key,
          network: { guard: { mode: 'onsite' } },
          allowPlaintextAuth: true,
          timeouts: { connectMs: 2_000, socketMs: 5_000 },
        }),
      },
      // Retries come quickly here; the production backoff is 30 s → 30 min.
      { pollMs: 100, retryBaseMs: 50, maxRetryMs: 100, leaseMs: 60_000 },
    );

  before(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    await migrateDatabase(database);
    smtp = await startTestSmtpServer({
      behaviour: () => behaviours.shift() ?? 'accept',
      refuseRcpt: (a) => refused.has(a),
      size: SMTP_SIZE,
    });
    account = await insertTestAccount(db(), {
      email: 'sam@acme.test',
      host: '127.0.0.1',
      smtpPort: smtp.port,
      sealed: seal('pw', key),
    });
    await db().update(mailAccounts).set({ smtpSsl: false }).where(eq(mailAccounts.id, account.accountId));
    sender = startSender(database);
  });
  after(async () => {
    await sender?.stop();
    await smtp?.close();
    await database?.close();
    await testDb?.drop();
    await bus.close();
  });

  const queue = (
    subject: string,
    extra: {
      to?: string[];
      undoSeconds?: number;
      sendAt?: Date;
      html?: string;
      inlineImages?: ComposeRequest['inlineImages'];
    } = {},
  ) =>
    queueMessage(
      { db: db(), bus },
      { userId: account.userId, name: 'Sam Seller' },
      {
        accountId: account.accountId,
        to: extra.to ?? ['Ann <ann@example.nl>'],
        cc: [],
        bcc: ['boss@acme.test'],
        subject,
        text: `Body of ${subject}\n.\nA line with a lone dot above (RFC 5321 §4.5.2 transparency).`,
        html: extra.html ?? null,
        replyToMessageId: null,
        forwardMessageId: null,
        forwardAsAttachment: false,
        attachmentIds: [],
        inlineImages: extra.inlineImages ?? [],
      },
      { undoSeconds: extra.undoSeconds ?? 0, sendAt: extra.sendAt ?? null },
    );

  const settled = async (id: string, states: OutboxState[]): Promise<OutboxMessage> => {
    for (;;) {
      const row = await findOutboxMessage(db(), id);
      if (row && states.includes(row.state)) return row;
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const acceptedWith = (subject: string) => smtp.accepted.filter((m) => m.toString().includes(`Subject: ${subject}`));
  /** A later message sent proves the sender has gone round again since. */
  const afterAnotherRound = async () => {
    const marker = await queue(`marker ${randomBytes(4).toString('hex')}`);
    await settled(marker.id, ['sent']);
  };

  test('accepted once: the stored bytes are the bytes the server received, Bcc not among them', async () => {
    const row = await queue('plain send');
    const sent = await settled(row.id, ['sent', 'failed', 'uncertain']);
    assert.equal(sent.state, 'sent');
    assert.equal(sent.attempts, 1);
    const [received] = acceptedWith('plain send');
    assert.ok(received);
    assert.equal(received.toString(), sent.raw!.toString());
    assert.match(received.toString(), new RegExp(`Message-ID: ${row.messageId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i'));
    assert.doesNotMatch(received.toString(), /boss@acme\.test/);
    const [stored] = await db().select().from(mailAccounts).where(eq(mailAccounts.id, account.accountId));
    assert.equal(stored?.smtpMaxSize, SMTP_SIZE, 'the SIZE the server announced is kept on the account');
  });

  test('an inline image goes as a related part under the cid the HTML names; a non-image is refused', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const image = await insertUpload(db(), {
      userId: account.userId,
      filename: 'paste.png',
      contentType: 'image/png',
      content: png,
    });
    const html = '<p>See <img src="cid:c1f2@inline"></p>';
    const row = await queue('inline image', { html, inlineImages: [{ uploadId: image.id, contentId: 'c1f2@inline' }] });
    assert.equal((await settled(row.id, ['sent', 'failed', 'uncertain'])).state, 'sent');
    const [received] = acceptedWith('inline image');
    assert.ok(received);
    assert.match(received.toString(), /Content-Type: multipart\/related/i);
    const parsed = await simpleParser(received, { keepCidLinks: true });
    assert.match(String(parsed.html), /cid:c1f2@inline/);
    const part = parsed.attachments.find((a) => a.contentId === '<c1f2@inline>');
    assert.equal(part?.related, true);
    assert.equal(part?.contentType, 'image/png');
    assert.deepEqual(part?.content, png);

    // An SVG (it can carry script) claiming to be a PNG is no raster image: refused before queuing.
    const svg = await insertUpload(db(), {
      userId: account.userId,
      filename: 'x.png',
      contentType: 'image/png',
      content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    await assert.rejects(
      queue('inline svg', { html, inlineImages: [{ uploadId: svg.id, contentId: 'c1f2@inline' }] }),
      (error: { code?: string; field?: string }) => error.code === 'BAD_USER_INPUT' && error.field === 'inlineImages',
    );
  });

  test('files beyond what the server’s SIZE takes (base64 counted) are refused before queuing, naming the limit', async () => {
    const small = 100_000; // leaves 25,137 bytes of files (lib/compose/attachment-limit.ts)
    await db().update(mailAccounts).set({ smtpMaxSize: small }).where(eq(mailAccounts.id, account.accountId));
    try {
      const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(30_000)]);
      const image = await insertUpload(db(), {
        userId: account.userId,
        filename: 'big.png',
        contentType: 'image/png',
        content: png,
      });
      await assert.rejects(
        queue('too big for the server', {
          html: '<img src="cid:big@inline">',
          inlineImages: [{ uploadId: image.id, contentId: 'big@inline' }],
        }),
        (error: { code?: string; details?: { limit?: number } }) =>
          error.code === 'ATTACHMENT_TOO_LARGE' && error.details?.limit === 25_137,
      );
    } finally {
      await db().update(mailAccounts).set({ smtpMaxSize: SMTP_SIZE }).where(eq(mailAccounts.id, account.accountId));
    }
  });

  test('a 451 is retried and then delivered once', async () => {
    behaviours = ['defer-451'];
    const row = await queue('deferred');
    const sent = await settled(row.id, ['sent', 'failed', 'uncertain']);
    assert.equal(sent.state, 'sent');
    assert.equal(sent.attempts, 2);
    assert.equal(acceptedWith('deferred').length, 1);
  });

  test('a 550 fails for good with the server’s words, and is not tried again', async () => {
    behaviours = ['refuse-550'];
    const before = smtp.transactions();
    const row = await queue('refused');
    const failed = await settled(row.id, ['sent', 'failed', 'uncertain']);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.lastErrorCode, 'SEND_REFUSED');
    assert.match(failed.lastError ?? '', /rejected as spam by Content Filtering/);
    await afterAnotherRound();
    assert.equal(smtp.transactions() - before, 2, 'the refused message once, the marker once');
    assert.equal((await findOutboxMessage(db(), row.id))!.state, 'failed');
  });

  test('the connection cut after the whole message went over: uncertain, never sent again', async () => {
    behaviours = ['drop-connection'];
    const row = await queue('cut after data');
    const uncertain = await settled(row.id, ['sent', 'failed', 'uncertain']);
    assert.equal(uncertain.state, 'uncertain', `state ${uncertain.state} (${uncertain.lastError})`);
    assert.equal(uncertain.lastErrorCode, 'SEND_UNCERTAIN');
    await afterAnotherRound();
    assert.equal(acceptedWith('cut after data').length, 1, 'received once, by the server that then hung up');
  });

  test('some recipients refused, the others served: sent, with the refused ones named', async () => {
    refused = new Set(['nobody@example.nl']);
    const row = await queue('partly refused', { to: ['ann@example.nl', 'nobody@example.nl'] });
    const sent = await settled(row.id, ['sent', 'failed', 'uncertain']);
    refused = new Set();
    assert.equal(sent.state, 'sent');
    assert.deepEqual(sent.rejectedRecipients, ['nobody@example.nl']);
  });

  test('SMTP down: kept and retried; delivered once when it is back', async () => {
    const down = await startTestSmtpServer();
    const port = down.port;
    await down.close(); // a port nothing listens on
    await db().update(mailAccounts).set({ smtpPort: port }).where(eq(mailAccounts.id, account.accountId));
    const row = await queue('while down');
    for (;;) {
      const now = await findOutboxMessage(db(), row.id);
      if (now!.attempts >= 2 && now!.state === 'queued') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.equal((await findOutboxMessage(db(), row.id))!.lastErrorCode, 'SEND_RETRYING');
    await db().update(mailAccounts).set({ smtpPort: smtp.port }).where(eq(mailAccounts.id, account.accountId));
    const sent = await settled(row.id, ['sent', 'failed', 'uncertain']);
    assert.equal(sent.state, 'sent');
    assert.equal(acceptedWith('while down').length, 1);
  });

  test('retry now: a message waiting out its backoff goes at once; one in its undo delay cannot be hurried', async () => {
    // As a failed attempt leaves it, with the production backoff still far away.
    const retrying = await queue('retry me now', { undoSeconds: 30 });
    const later = new Date(Date.now() + 3600_000);
    await db()
      .update(outboxMessages)
      .set({
        sendAt: new Date(),
        nextAttemptAt: later,
        attempts: 3,
        lastErrorCode: 'SEND_RETRYING',
        lastError: 'connect ECONNREFUSED',
      })
      .where(eq(outboxMessages.id, retrying.id));
    const undoable = await queue('still in its undo delay', { undoSeconds: 30 });
    assert.equal(await requeueOutboxMessage(db(), account.userId, undoable.id), null);
    assert.equal(await requeueOutboxMessage(db(), randomUUID(), retrying.id), null, 'only its owner');
    const requeued = await requeueOutboxMessage(db(), account.userId, retrying.id);
    assert.equal(requeued?.state, 'queued');
    assert.ok(requeued!.nextAttemptAt.getTime() <= Date.now(), 'due now, not after the backoff');
    sender.wake();
    const sent = await settled(retrying.id, ['sent', 'failed', 'uncertain']);
    assert.equal(sent.state, 'sent');
    assert.equal(acceptedWith('retry me now').length, 1);
    assert.equal((await findOutboxMessage(db(), undoable.id))?.state, 'queued');
    await cancelQueuedMessage(db(), account.userId, undoable.id);
  });

  test('a scheduled message waits for its time, across a restart of the sender', async () => {
    await sender.stop();
    const sendAt = new Date(Date.now() + 1_500);
    const row = await queue('scheduled', { sendAt });
    sender = startSender(database); // the process came back
    const sent = await settled(row.id, ['sent', 'failed', 'uncertain']);
    assert.equal(sent.state, 'sent');
    assert.ok(sent.sentAt!.getTime() >= sendAt.getTime(), `sent at ${sent.sentAt?.toISOString()}, due ${sendAt.toISOString()}`);
    assert.equal(acceptedWith('scheduled').length, 1);
  });

  test('undo send: cancelled while queued, never sent', async () => {
    const row = await queue('undone', { undoSeconds: 30 });
    const cancelled = await cancelQueuedMessage(db(), account.userId, row.id);
    assert.equal(cancelled?.state, 'cancelled');
    assert.equal(await cancelQueuedMessage(db(), account.userId, row.id), null, 'only once');
    await afterAnotherRound();
    assert.equal(acceptedWith('undone').length, 0);
  });

  test('a sender that vanished mid-send leaves the message uncertain; found in the mail later, it counts as sent', async () => {
    const row = await queue('orphaned', { undoSeconds: 30 });
    // As a killed process leaves it: claimed, lease run out, no outcome written.
    await db()
      .update(outboxMessages)
      .set({ state: 'sending', claimedUntil: new Date(Date.now() - 1000), attempts: 1 })
      .where(eq(outboxMessages.id, row.id));
    const uncertain = await settled(row.id, ['uncertain', 'sent']);
    assert.equal(uncertain.state, 'uncertain');
    assert.equal(acceptedWith('orphaned').length, 0);
    // The sync imports it from Sent (Message-IDs are stored without angle brackets).
    const [sentFolder] = await db()
      .insert(mailFolders)
      .values({ accountId: account.accountId, path: 'Sent', name: 'Sent', specialUse: '\\Sent' })
      .returning();
    await db()
      .insert(messages)
      .values({
        accountId: account.accountId,
        folderId: sentFolder!.id,
        uidValidity: 1,
        uid: 1,
        internalDate: new Date(),
        messageId: row.messageId.slice(1, -1),
      });
    const resolved = await settled(row.id, ['sent']);
    assert.equal(resolved.state, 'sent');
  });

  test('the sweep forgets sent and cancelled messages and unsent uploads once old, nothing else', async () => {
    const old = new Date(Date.now() - 8 * 24 * 3600_000);
    const sent = await queue('old and sent');
    await settled(sent.id, ['sent']);
    const failed = await queue('old and failed', { undoSeconds: 30 });
    await db().update(outboxMessages).set({ state: 'failed', updatedAt: old }).where(eq(outboxMessages.id, failed.id));
    await db().update(outboxMessages).set({ updatedAt: old }).where(eq(outboxMessages.id, sent.id));
    const stale = await insertUpload(db(), {
      userId: account.userId,
      filename: 'a.pdf',
      contentType: 'application/pdf',
      content: Buffer.from('a'),
    });
    const fresh = await insertUpload(db(), {
      userId: account.userId,
      filename: 'b.pdf',
      contentType: 'application/pdf',
      content: Buffer.from('b'),
    });
    await db().update(uploads).set({ createdAt: old }).where(eq(uploads.id, stale.id));
    const swept = await sweepOutbox(db(), { doneMs: 7 * 24 * 3600_000, uploadsMs: 24 * 3600_000 });
    assert.ok(swept.messages >= 1);
    assert.equal(await findOutboxMessage(db(), sent.id), null);
    assert.equal((await findOutboxMessage(db(), failed.id))?.state, 'failed', 'a failed message waits for its owner');
    const left = (await db().select({ id: uploads.id }).from(uploads)).map((u) => u.id);
    assert.ok(!left.includes(stale.id) && left.includes(fresh.id));
  });

  test('two processes’ senders on one database: every message sent exactly once', async () => {
    const second = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    const rival = startSender(second);
    try {
      const rows = await Promise.all(Array.from({ length: 30 }, (_, i) => queue(`burst ${i} of 30`)));
      for (const row of rows) assert.equal((await settled(row.id, ['sent', 'failed', 'uncertain'])).state, 'sent');
      for (let i = 0; i < 30; i++) assert.equal(acceptedWith(`burst ${i} of 30`).length, 1, `burst ${i}`);
    } finally {
      await rival.stop();
      await second.close();
    }
  });
});
