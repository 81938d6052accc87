// The reader's routes through the real server process (needs `next build`) on PostgreSQL, in
// online mode (issue 10): URLs come from `message(id)` over GraphQL as the browser gets them.
// .eml byte-identical by signature and by session; inline cid PNG served, SVG never; signatures
// tampered or expired are 403, another user's message 404 / null. The image proxy fetches a real
// local HTTP server (allowlisted: MAIL_CONNECT_ALLOWLIST=127.0.0.1:<its port>) end to end, and
// refuses what is not a raster image, what is too large, the inside (loopback spellings, a
// redirect to an address the guard refuses) with nothing reaching the internal server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { insertSession } from '../../db/queries/sessions.ts';
import { mailAccounts, mailFolders, messages } from '../../db/schema/index.ts';
import { startAppProcess, type AppProcess } from '../../e2e/support/app-process.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../auth/session-token.ts';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { createUrlSigner } from '../crypto/signed-url.ts';
import { INTERNAL_SECRET, startInternalServer, type InternalServer } from '../mail/network/fixtures/internal-server.ts';
import { databaseSourceStore } from '../message-store/source-store.ts';
import { newsletterSource, PNG_1X1, SVG_WITH_SCRIPT } from '../reader/fixtures/reader-messages.ts';

const KEY = Buffer.alloc(32, 9).toString('base64');
const signer = createUrlSigner(loadCredentialsKey(KEY, '/nonexistent'));
const OPEN = `query($id: ID!) { message(id: $id) { id subject html sourceUrl
  attachments { id filename url } inlineImages { contentId url } remoteImages { original proxied } } }`;

interface Detail {
  id: string;
  sourceUrl: string | null;
  attachments: Array<{ id: string; filename: string; url: string }>;
  inlineImages: Array<{ contentId: string; url: string }>;
  remoteImages: Array<{ original: string; proxied: string }>;
}

/** The web servers of senders: images, and things that are not. */
function startImageServer(internalPort: number): Promise<Server & { hits: string[] }> {
  const hits: string[] = [];
  const big = Buffer.concat([PNG_1X1, Buffer.alloc(6 * 1024 * 1024)]);
  const server = createServer((req, res) => {
    hits.push(`${req.url} cookie=${req.headers.cookie ?? ''} referer=${req.headers.referer ?? ''}`);
    const answers: Record<string, () => void> = {
      '/logo.png': () => res.writeHead(200, { 'content-type': 'image/png', 'set-cookie': 'track=1' }).end(PNG_1X1),
      '/page.html': () => res.writeHead(200, { 'content-type': 'text/html' }).end(`<script>${INTERNAL_SECRET}</script>`),
      '/fake.png': () => res.writeHead(200, { 'content-type': 'image/png' }).end(SVG_WITH_SCRIPT),
      '/icon.svg': () => res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG_WITH_SCRIPT),
      '/huge.png': () => res.writeHead(200, { 'content-type': 'image/png' }).end(big),
      '/missing.png': () => res.writeHead(404, { 'content-type': 'text/plain' }).end(INTERNAL_SECRET),
      '/to-logo': () => res.writeHead(302, { location: '/logo.png' }).end(),
      '/to-inside': () => res.writeHead(302, { location: `http://2130706433:${internalPort}/latest/meta-data/` }).end(),
    };
    (answers[req.url ?? ''] ?? answers['/missing.png']!)();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(Object.assign(server, { hits }))));
}

describe('the reader routes on the real server (online mode)', () => {
  let testDb: TestDatabase;
  let database: Database;
  let app: AppProcess;
  let internal: InternalServer;
  let images: Server & { hits: string[] };
  let imageBase: string;

  before(async () => {
    internal = await startInternalServer();
    images = await startImageServer(internal.port);
    imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    testDb = await createTestDatabase();
    database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    await migrateDatabase(database);
    app = await startAppProcess({
      DATABASE_URL: testDb.url,
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'crm-reader-')),
      DEPLOYMENT_MODE: 'online',
      MAIL_CREDENTIALS_KEY: KEY,
      // The one "public" web server of this test; the internal server's port is not allowed.
      MAIL_CONNECT_ALLOWLIST: `127.0.0.1:${(images.address() as AddressInfo).port}`,
    });
  });
  after(async () => {
    await app?.stop();
    await database?.close();
    await testDb?.drop();
    await internal?.close();
    images?.closeAllConnections();
    await new Promise((resolve) => images?.close(resolve));
  });

  async function sessionCookie(userId: string): Promise<string> {
    const token = newSessionToken();
    await insertSession(database.db, hashSessionToken(token), userId, new Date(Date.now() + SESSION_TTL_MS));
    return `${SESSION_COOKIE}=${token}`;
  }

  /** A user whose mailbox holds one imported (stored, not extracted) message with this source. */
  async function mailbox(email: string, source: Buffer) {
    const { db } = database;
    const ids = await insertTestAccount(db, { email });
    await db.update(mailAccounts).set({ status: 'error' }).where(eq(mailAccounts.id, ids.accountId)); // no sync
    const [folder] = await db.insert(mailFolders).values({ accountId: ids.accountId, path: 'INBOX', name: 'Inbox' }).returning();
    const [message] = await db
      .insert(messages)
      .values({
        accountId: ids.accountId,
        folderId: folder!.id,
        uidValidity: 1,
        uid: 1,
        internalDate: new Date(),
        subject: 'Our news / December',
        bodyState: 'done',
      })
      .returning();
    await databaseSourceStore.put(db, [{ messageId: message!.id, bytes: source }]);
    return { ...ids, messageId: message!.id, cookie: await sessionCookie(ids.userId) };
  }

  async function openAs(cookie: string, id: string): Promise<Detail | null> {
    const response = await fetch(`${app.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: OPEN, variables: { id } }),
    });
    const body = (await response.json()) as { data?: { message: Detail | null }; errors?: unknown };
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data!.message;
  }

  const get = (url: string, init: RequestInit = {}) => fetch(new URL(url, app.url), { redirect: 'manual', ...init });
  const tamper = (url: string, param: string, value: (old: string) => string) => {
    const u = new URL(url, app.url);
    u.searchParams.set(param, value(u.searchParams.get(param)!));
    return u.pathname + u.search;
  };

  test('.eml: byte-identical by signed URL (no cookie) and by session, safe headers; tampered or expired 403; another user 404', async () => {
    const source = await newsletterSource();
    const ann = await mailbox('ann@eml.test', source);
    const bob = await mailbox('bob@eml.test', await newsletterSource());
    assert.equal(await openAs(bob.cookie, ann.messageId), null, 'another user’s message is null');
    const detail = (await openAs(ann.cookie, ann.messageId))!;
    for (const response of [
      await get(detail.sourceUrl!),
      await get(`/api/messages/${ann.messageId}/source`, { headers: { cookie: ann.cookie } }),
    ]) {
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'message/rfc822');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.match(response.headers.get('content-security-policy') ?? '', /^sandbox\b/);
      assert.equal(
        response.headers.get('content-disposition'),
        'attachment; filename="December.eml"'.replace('December', 'Our news - December'),
      );
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(source), 'byte for byte');
    }
    assert.equal((await get(`/api/messages/${ann.messageId}/source`, { headers: { cookie: bob.cookie } })).status, 404);
    assert.equal((await get(`/api/messages/${ann.messageId}/source`)).status, 401);
    const expired = Date.now() - 1000;
    const expiredSignature = signer.sign({ userId: ann.userId, kind: 'source', subject: [ann.messageId], expires: expired });
    const forBob = (await openAs(bob.cookie, bob.messageId))!.sourceUrl!;
    for (const bad of [
      tamper(detail.sourceUrl!, 's', (s) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1)),
      tamper(detail.sourceUrl!, 'e', (e) => String(Number(e) + 300_000)),
      `/api/messages/${ann.messageId}/source?e=${expired}&s=${expiredSignature}`,
      forBob.replace(bob.messageId, ann.messageId),
    ]) {
      const response = await get(bad, { headers: { cookie: ann.cookie } });
      assert.equal(response.status, 403, bad);
      assert.equal(
        ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
        'SIGNED_URL_INVALID',
      );
    }
  });

  test('inline cid: the PNG by signed URL without a cookie; the SVG part is never an image; bad signatures 403', async () => {
    const ann = await mailbox('ann@inline.test', await newsletterSource());
    const detail = (await openAs(ann.cookie, ann.messageId))!;
    assert.deepEqual(
      detail.inlineImages.map((i) => i.contentId),
      ['logo@letter.test'],
    );
    const response = await get(detail.inlineImages[0]!.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-security-policy') ?? '', /^sandbox\b/);
    assert.match(response.headers.get('cache-control') ?? '', /^private, max-age=\d+$/);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(PNG_1X1));
    // The SVG part, signed for its owner as an inline URL would be: still refused by its bytes.
    const svg = detail.attachments.find((a) => a.filename === 'badge.svg')!;
    const e = signer.expiry();
    const svgUrl = `/api/inline/${svg.id}?e=${e}&s=${signer.sign({ userId: ann.userId, kind: 'inline', subject: [svg.id], expires: e })}`;
    assert.equal((await get(svgUrl)).status, 415);
    assert.equal(
      (await get(tamper(detail.inlineImages[0]!.url, 's', (s) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A')))).status,
      403,
    );
    assert.equal(
      (await get(detail.inlineImages[0]!.url.split('?')[0]!, { headers: { cookie: ann.cookie } })).status,
      403,
      'a session is not a signature',
    );
  });

  test('image proxy: a real image end to end with nothing of the reader sent; non-images, SVG, oversize, failures and the inside refused', async () => {
    const internalBase = `:${internal.port}/latest/meta-data/`;
    const remote = {
      ok: `${imageBase}/logo.png`,
      redirected: `${imageBase}/to-logo`,
      html: `${imageBase}/page.html`,
      fake: `${imageBase}/fake.png`,
      svg: `${imageBase}/icon.svg`,
      huge: `${imageBase}/huge.png`,
      missing: `${imageBase}/missing.png`,
      redirectInside: `${imageBase}/to-inside`,
      loopback: `http://127.0.0.1${internalBase}`,
      decimal: `http://2130706433${internalBase}`,
      v6: `http://[::1]${internalBase}`,
      mapped: `http://[::ffff:127.0.0.1]${internalBase}`,
    };
    const ann = await mailbox('ann@proxy.test', await newsletterSource(Object.values(remote)));
    const detail = (await openAs(ann.cookie, ann.messageId))!;
    const proxied = (url: string) =>
      detail.remoteImages.find((r) => new URL(r.proxied, app.url).searchParams.get('u') === new URL(url).href)!.proxied;
    const expect: Record<keyof typeof remote, number> = {
      ok: 200,
      redirected: 200,
      html: 415,
      fake: 415,
      svg: 415,
      huge: 413,
      missing: 502,
      redirectInside: 502,
      loopback: 502,
      decimal: 502,
      v6: 502,
      mapped: 502,
    };
    for (const [name, url] of Object.entries(remote) as Array<[keyof typeof remote, string]>) {
      const response = await get(proxied(url), { headers: { cookie: ann.cookie, referer: `${app.url}/inbox` } });
      assert.equal(response.status, expect[name], name);
      const body = Buffer.from(await response.arrayBuffer());
      assert.ok(!body.toString('latin1').includes(INTERNAL_SECRET), `${name}: nothing of the remote answer`);
      assert.equal(response.headers.get('set-cookie'), null, `${name}: no cookie of the remote`);
      if (expect[name] === 200) {
        assert.ok(body.equals(PNG_1X1), name);
        assert.equal(response.headers.get('content-type'), 'image/png');
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.match(response.headers.get('content-security-policy') ?? '', /^sandbox\b/);
      }
    }
    assert.deepEqual(internal.hits, [], 'no request reached the inside');
    assert.ok(
      images.hits.length > 0 && images.hits.every((hit) => hit.endsWith('cookie= referer=')),
      'no cookie, no Referer sent on',
    );
    assert.equal(
      (await get(tamper(proxied(remote.ok), 'u', () => `${imageBase}/icon.svg`))).status,
      403,
      'another URL under the signature',
    );
    assert.equal((await get(tamper(proxied(remote.ok), 'm', () => randomUUID()))).status, 403);
  });
});
