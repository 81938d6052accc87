// The attachment download route through the real server process (needs `next build`) on
// PostgreSQL: hostile stored names come out as safe RFC 6266 headers, and only the owner of the
// message's mail account gets the bytes (issue 8, item 19); attachments without a blob are cut
// from the stored source, and never answered with wrong bytes (issue 9). Both engines:
// lib/message-store/read-attachment-bytes.service.test.ts.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import contentDisposition from 'content-disposition';
import { eq } from 'drizzle-orm';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { insertSession } from '../../db/queries/sessions.ts';
import { attachmentBlobs, attachments, mailAccounts, mailFolders, messages, users } from '../../db/schema/index.ts';
import { startAppProcess, type AppProcess } from '../../e2e/support/app-process.ts';
import { EXTRACT_VERSION } from '../message-store/extract-version.ts';
import { insertSourceMessage } from '../../e2e/support/insert-source-message.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { EVERY_ENCODING, everyEncodingSource } from '../mail/mime/fixtures/every-encoding.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../auth/session-token.ts';

describe('GET /api/attachments/<id> on the real server', () => {
  let testDb: TestDatabase;
  let database: Database;
  let app: AppProcess;
  before(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    await migrateDatabase(database);
    app = await startAppProcess({ DATABASE_URL: testDb.url, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'crm-att-')) });
  });
  after(async () => {
    await app?.stop();
    await database?.close();
    await testDb?.drop();
  });

  /** A signed-in session for a user, as sign-in stores it: the cookie to send. */
  async function sessionCookie(userId: string): Promise<string> {
    const token = newSessionToken();
    await insertSession(database.db, hashSessionToken(token), userId, new Date(Date.now() + SESSION_TTL_MS));
    return `${SESSION_COOKIE}=${token}`;
  }

  /** A tenant with a user and a mail account holding one message with these attachments. */
  async function mailbox(email: string, files: Array<{ filename: string | null; contentType: string; data: Buffer }>) {
    const { db } = database;
    const ids = await insertTestAccount(db, { email });
    // Not 'connected': the app's sync supervisor leaves it alone.
    await db.update(mailAccounts).set({ status: 'error' }).where(eq(mailAccounts.id, ids.accountId));
    const [folder] = await db.insert(mailFolders).values({ accountId: ids.accountId, path: 'INBOX', name: 'Inbox' }).returning();
    const [message] = await db
      .insert(messages)
      .values({
        accountId: ids.accountId,
        folderId: folder!.id,
        uidValidity: 1,
        uid: 1,
        internalDate: new Date(),
        bodyState: 'done',
        // Extracted already: the app's extraction worker would otherwise re-read this row, find no
        // stored source and drop its attachment rows while the test asks for them (seen under load).
        extractedVersion: EXTRACT_VERSION,
      })
      .returning();
    const attachmentIds: string[] = [];
    for (const file of files) {
      const hash = createHash('sha256').update(file.data).digest('hex');
      await db.insert(attachmentBlobs).values({ hash, size: file.data.byteLength, data: file.data }).onConflictDoNothing();
      const [row] = await db
        .insert(attachments)
        .values({
          messageId: message!.id,
          filename: file.filename,
          contentType: file.contentType,
          size: file.data.byteLength,
          blobHash: hash,
        })
        .returning();
      attachmentIds.push(row!.id);
    }
    return { ...ids, attachmentIds };
  }

  const get = (id: string, cookie?: string, init: RequestInit = {}) =>
    fetch(`${app.url}/api/attachments/${id}`, { ...init, headers: { ...(cookie ? { cookie } : {}), ...init.headers } });

  test('hostile stored names are served as safe RFC 6266 names; active types as octet-stream; the bytes are intact', async () => {
    const pdf = randomBytes(50_000);
    const hostile: Array<{ filename: string | null; contentType: string; data: Buffer; served: { name: string; type: string } }> =
      [
        {
          filename: '../../etc/passwd',
          contentType: 'text/plain',
          data: Buffer.from('root:x:0:0'),
          served: { name: 'passwd', type: 'text/plain' },
        },
        {
          filename: 'C:\\Users\\Public\\evil.exe',
          contentType: 'application/octet-stream',
          data: randomBytes(10),
          served: { name: 'evil.exe', type: 'application/octet-stream' },
        },
        {
          filename: 'invoice\r\nSet-Cookie: stolen=1.pdf',
          contentType: 'application/pdf',
          data: pdf,
          served: { name: 'invoice Set-Cookie stolen=1.pdf', type: 'application/pdf' },
        },
        {
          filename: `${'A'.repeat(1_000)}.pdf`,
          contentType: 'application/pdf',
          data: pdf,
          served: { name: `${'A'.repeat(196)}.pdf`, type: 'application/pdf' },
        },
        {
          filename: '<script>alert(document.cookie)</script>.html',
          contentType: 'text/html',
          data: Buffer.from('<script>alert(1)</script>'),
          served: { name: 'script.html', type: 'application/octet-stream' },
        },
        {
          filename: 'logo.svg',
          contentType: 'image/svg+xml',
          data: Buffer.from('<svg onload="alert(1)"/>'),
          served: { name: 'logo.svg', type: 'application/octet-stream' },
        },
        {
          filename: 'Angebot für Müller.pdf',
          contentType: 'application/pdf',
          data: pdf,
          served: { name: 'Angebot für Müller.pdf', type: 'application/pdf' },
        },
        { filename: null, contentType: 'image/png', data: randomBytes(100), served: { name: 'attachment', type: 'image/png' } },
      ];
    const owner = await mailbox('owner@one.test', hostile);
    const cookie = await sessionCookie(owner.userId);
    for (const [i, file] of hostile.entries()) {
      const response = await get(owner.attachmentIds[i]!, cookie);
      assert.equal(response.status, 200, String(file.filename));
      const disposition = response.headers.get('content-disposition')!;
      assert.doesNotMatch(disposition, /[^\x20-\x7e]/, 'one printable ASCII header line');
      const parsed = contentDisposition.parse(disposition);
      assert.equal(parsed.type, 'attachment');
      assert.equal(parsed.parameters.filename, file.served.name, String(file.filename));
      if (/[^\x20-\x7e]/.test(file.served.name)) assert.match(disposition, /filename\*=UTF-8''/);
      assert.equal(response.headers.get('set-cookie'), null, 'no header injected');
      assert.equal(response.headers.get('content-type'), file.served.type);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.match(response.headers.get('content-security-policy') ?? '', /^sandbox\b/);
      assert.equal(response.headers.get('cache-control'), 'private, no-store');
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(file.data), 'the bytes as stored');
    }
  });

  test('another user of the same tenant, a user of another tenant and a bad id get 404; no session gets 401', async () => {
    const owner = await mailbox('owner@two.test', [
      { filename: 'secret.pdf', contentType: 'application/pdf', data: randomBytes(1_000) },
    ]);
    const id = owner.attachmentIds[0]!;
    const [colleague] = await database.db
      .insert(users)
      .values({ tenantId: owner.tenantId, email: 'colleague@two.test', name: 'Colleague', passwordHash: 'not-used' })
      .returning();
    const stranger = await mailbox('stranger@three.test', []);
    assert.equal((await get(id, await sessionCookie(owner.userId))).status, 200);
    for (const cookie of [await sessionCookie(colleague!.id), await sessionCookie(stranger.userId)]) {
      const response = await get(id, cookie);
      assert.equal(response.status, 404);
      assert.deepEqual(await response.json(), { errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
    }
    const ownerCookie = await sessionCookie(owner.userId);
    for (const bad of ['not-a-uuid', '00000000-0000-0000-0000-000000000000', `${id}x`]) {
      assert.equal((await get(bad, ownerCookie)).status, 404, bad);
    }
    const anonymous = await get(id);
    assert.equal(anonymous.status, 401);
    assert.equal((await anonymous.json()).errors[0].extensions.code, 'UNAUTHENTICATED');
    assert.equal((await get(id, `${SESSION_COOKIE}=forged`)).status, 401);
    const bearer = await get(id, undefined, { headers: { authorization: `Bearer ${ownerCookie.split('=')[1]}` } });
    assert.equal(bearer.status, 200, 'an integrator’s bearer token works as in GraphQL');
    assert.equal((await get(id, ownerCookie, { method: 'POST' })).status, 405);
  });

  test('attachments without a blob are cut from the stored source: the same headers, byte-identical, 20 MB too', async () => {
    const owner = await mailbox('owner@cut.test', []);
    const cookie = await sessionCookie(owner.userId);
    const folderId = (await database.db.select().from(mailFolders).where(eq(mailFolders.accountId, owner.accountId)))[0]!.id;
    const encoded = await insertSourceMessage(
      database.db,
      { accountId: owner.accountId, folderId, uid: 2 },
      everyEncodingSource(),
    );
    for (const [i, expected] of EVERY_ENCODING.entries()) {
      const response = await get(encoded.attachments[i]!.id, cookie);
      assert.equal(response.status, 200, expected.name);
      assert.equal(response.headers.get('content-length'), String(expected.bytes.byteLength));
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.match(response.headers.get('content-security-policy') ?? '', /^sandbox\b/);
      assert.equal(response.headers.get('cache-control'), 'private, no-store');
      assert.equal(
        contentDisposition.parse(response.headers.get('content-disposition')!).parameters.filename,
        encoded.attachments[i]!.filename,
      );
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(expected.bytes), expected.name);
    }
    const head = await get(encoded.attachments[1]!.id, cookie, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), '1024', 'HEAD: the recorded size, no cut');

    const big = randomBytes(20 * 1024 * 1024);
    const source = await new MailComposer({
      from: 'a@big.test',
      text: 'big',
      attachments: [{ filename: 'big.bin', content: big }],
    })
      .compile()
      .build();
    const large = await insertSourceMessage(database.db, { accountId: owner.accountId, folderId, uid: 3 }, source);
    const response = await get(large.attachments[0]!.id, cookie);
    assert.equal(response.status, 200);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(big), '20 MB byte for byte');

    const stranger = await mailbox('stranger@cut.test', []);
    assert.equal((await get(encoded.attachments[0]!.id, await sessionCookie(stranger.userId))).status, 404, 'only the owner');
  });

  test('a row the stored source does not match is a 503 with ATTACHMENT_NOT_IN_SOURCE, not the bytes at its ordinal', async () => {
    const owner = await mailbox('owner@mismatch.test', []);
    const folderId = (await database.db.select().from(mailFolders).where(eq(mailFolders.accountId, owner.accountId)))[0]!.id;
    const message = await insertSourceMessage(
      database.db,
      { accountId: owner.accountId, folderId, uid: 2 },
      everyEncodingSource(),
    );
    const id = message.attachments[1]!.id;
    await database.db
      .update(attachments)
      .set({ contentHash: createHash('sha256').update('another file').digest('hex') })
      .where(eq(attachments.id, id));
    const response = await get(id, await sessionCookie(owner.userId));
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '60');
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    const body = await response.json();
    assert.equal(body.errors[0].extensions.code, 'ATTACHMENT_NOT_IN_SOURCE');
    const [row] = await database.db
      .select({ v: messages.extractedVersion })
      .from(messages)
      .where(eq(messages.id, message.messageId));
    assert.equal(row!.v, 0, 'sent back to the extraction worker');
  });
});
