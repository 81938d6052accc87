// POST /api/uploads through a real HTTP server and PostgreSQL (issue 11: "the server's SIZE limit
// shown and enforced before the upload ends"):
// 1. an account whose SMTP server announced SIZE 200000: a file of exactly what that leaves
//    for files (attachmentLimit) is taken; one byte more is 413 ATTACHMENT_TOO_LARGE naming the
//    limit, and nothing is stored;
// 2. without Content-Length (chunked), over the limit and the body not yet ended: the 413 comes
//    all the same (the bytes are counted as they stream in, not after the upload ended);
// 3. an account without SIZE: only the 25 MiB cap; another user's account: 404;
// 4. GET of an upload: the viewer's raster image only (type from its bytes, private, nosniff).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { insertSession } from '../../db/queries/sessions.ts';
import { insertUpload } from '../../db/queries/uploads.ts';
import { mailAccounts, uploads } from '../../db/schema/index.ts';
import { startApiServer, type ApiServer } from '../../e2e/support/api-server.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../auth/session-token.ts';
import { attachmentLimit } from '../compose/attachment-limit.ts';
import { PNG_1X1 } from '../reader/fixtures/reader-messages.ts';

const SMTP_SIZE = 200_000;

interface Answer {
  status: number;
  body: { id?: string; size?: number; errors?: Array<{ extensions: { code: string; details?: { limit?: number } } }> };
}

describe('the uploads route enforces the chosen account’s SMTP SIZE', () => {
  let testDb: TestDatabase;
  let server: ApiServer;
  let cookie: string;
  let accountId: string;
  let otherAccountId: string;
  let annUserId: string;
  let bobUserId: string;
  const db = () => server.services.database.db;
  const limit = attachmentLimit(SMTP_SIZE);

  before(async () => {
    testDb = await createTestDatabase();
    server = await startApiServer({ DATABASE_URL: testDb.url });
    const ann = await insertTestAccount(db(), { email: 'ann@t.test' });
    const bob = await insertTestAccount(db(), { email: 'bob@u.test' });
    accountId = ann.accountId;
    otherAccountId = bob.accountId;
    annUserId = ann.userId;
    bobUserId = bob.userId;
    await db().update(mailAccounts).set({ smtpMaxSize: SMTP_SIZE }).where(eq(mailAccounts.id, accountId));
    const token = newSessionToken();
    await insertSession(db(), hashSessionToken(token), ann.userId, new Date(Date.now() + SESSION_TTL_MS));
    cookie = `${SESSION_COOKIE}=${token}`;
  });
  after(async () => {
    await server?.close();
    await testDb?.drop();
  });

  /**
   * One upload of `size` bytes. `chunked`: no Content-Length, and the body is never ended (the
   * rest of a large file still to come): only a server that counts while reading can answer.
   */
  function upload(size: number, account: string | null, chunked = false): Promise<Answer> {
    const url = new URL('/api/uploads', server.url);
    if (account) url.searchParams.set('accountId', account);
    return new Promise((resolve, reject) => {
      let sent = 0;
      const req = http.request(url, {
        method: 'POST',
        headers: {
          cookie,
          'content-type': 'application/pdf',
          'x-file-name': encodeURIComponent('offerte.pdf'),
          ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(size) }),
        },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) });
        });
      });
      req.on('error', (error) => (sent >= size ? undefined : reject(error)));
      if (!chunked) return void req.end(Buffer.alloc(size, 1), () => (sent = size));
      const next = () => {
        if (sent >= size) return;
        const chunk = Buffer.alloc(Math.min(16 * 1024, size - sent), 1);
        sent += chunk.length;
        req.write(chunk, next);
      };
      next();
    });
  }

  const storedUploads = async () => (await db().select({ size: uploads.size }).from(uploads)).map((u) => u.size);

  test('what the server’s SIZE leaves for files is taken; one byte more is 413 naming the limit, nothing stored', async () => {
    assert.ok(limit < 25 * 1024 * 1024 && limit > 0);
    const fits = await upload(limit, accountId);
    assert.equal(fits.status, 201);
    assert.equal(fits.body.size, limit);
    const over = await upload(limit + 1, accountId);
    assert.equal(over.status, 413);
    assert.equal(over.body.errors?.[0]?.extensions.code, 'ATTACHMENT_TOO_LARGE');
    assert.equal(over.body.errors?.[0]?.extensions.details?.limit, limit);
    assert.deepEqual(await storedUploads(), [limit]);
  });

  test('streamed without Content-Length: refused before the upload ends', { timeout: 30_000 }, async () => {
    const over = await upload(limit + 64 * 1024, accountId, true);
    assert.equal(over.status, 413);
    assert.equal(over.body.errors?.[0]?.extensions.details?.limit, limit);
    assert.deepEqual(await storedUploads(), [limit]);
  });

  test('an account without SIZE: only the 25 MiB cap; no account named: the same; another user’s account: 404', async () => {
    await db().update(mailAccounts).set({ smtpMaxSize: null }).where(eq(mailAccounts.id, accountId));
    try {
      assert.equal((await upload(limit + 1, accountId)).status, 201);
      assert.equal((await upload(limit + 1, null)).status, 201);
      const foreign = await upload(10, otherAccountId);
      assert.equal(foreign.status, 404);
      assert.equal(foreign.body.errors?.[0]?.extensions.code, 'NOT_FOUND');
      assert.equal((await upload(10, 'not-a-uuid')).status, 404);
    } finally {
      await db().update(mailAccounts).set({ smtpMaxSize: SMTP_SIZE }).where(eq(mailAccounts.id, accountId));
    }
  });

  test('GET serves the viewer’s uploaded raster image (a resumed draft’s inline image), nothing else', async () => {
    const png = await insertUpload(db(), { userId: annUserId, filename: 'p.png', contentType: 'text/html', content: PNG_1X1 });
    const pdf = await insertUpload(db(), {
      userId: annUserId,
      filename: 'a.pdf',
      contentType: 'image/png',
      content: Buffer.from('%PDF'),
    });
    const get = (id: string, withCookie = true) =>
      fetch(new URL(`/api/uploads/${id}`, server.url), { headers: withCookie ? { cookie } : {} });
    const image = await get(png.id);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png', 'the type told by the bytes, not the stored one');
    assert.equal(image.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(image.headers.get('cache-control'), 'private, no-store');
    assert.ok(Buffer.from(await image.arrayBuffer()).equals(PNG_1X1));
    assert.equal((await get(pdf.id)).status, 404, 'not an image');
    assert.equal((await get(png.id, false)).status, 401);
    assert.equal((await get('------------------------------------')).status, 404);
    const bobs = await insertUpload(db(), { userId: bobUserId, filename: 'b.png', contentType: 'image/png', content: PNG_1X1 });
    assert.equal((await get(bobs.id)).status, 404, 'another user’s');
  });
});
