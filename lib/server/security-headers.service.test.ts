// Issue 8, items 5 and 6 on the real built server (needs `next build`): the security headers of
// pages, the API, redirects and the 403 page; per-user pages never cacheable by a shared cache;
// the `next` parameter of /sign-in never leads off the site.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startAppProcess, type AppProcess } from '../../e2e/support/app-process.ts';
import { GraphQLHttpClient } from '../../e2e/support/graphql-client.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';

const SETUP = `mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { email } } }`;
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { email } } }`;
const CREATE_USER = `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`;
const admin = { tenantName: 'Acme', name: 'Ann Admin', email: 'ann@acme.test', password: 'ann-password' };
const bob = { name: 'Bob', email: 'bob@acme.test', password: 'bob-password' };

const cacheDirectives = (response: Response) =>
  (response.headers.get('cache-control') ?? '').split(',').map((d) => d.trim().toLowerCase());

function cspDirectives(response: Response): Map<string, string[]> {
  const csp = response.headers.get('content-security-policy') ?? '';
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

/** The headers every response has, whatever it is. */
function assertBaseline(response: Response, what: string) {
  assert.equal(response.headers.get('x-frame-options'), 'DENY', what);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer', what);
  assert.equal(response.headers.get('x-powered-by'), null, `${what}: no version banner`);
  assert.equal(response.headers.get('server'), null, `${what}: no version banner`);
}

/** A page: strict CSP with a nonce, and not storable by any cache. Returns the nonce. */
function assertPageHeaders(response: Response, what: string): string {
  assertBaseline(response, what);
  const csp = cspDirectives(response);
  const script = csp.get('script-src') ?? [];
  const nonce = /^'nonce-([A-Za-z0-9+/]+={0,2})'$/.exec(script[0] ?? '')?.[1];
  assert.ok(nonce, `${what}: script-src starts with a nonce (got ${JSON.stringify(script)})`);
  assert.ok(script.includes("'strict-dynamic'"), what);
  assert.ok(!script.includes("'unsafe-inline'") && !script.includes("'unsafe-eval'"), what);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], what);
  assert.deepEqual(csp.get('object-src'), ["'none'"], what);
  assert.deepEqual(csp.get('base-uri'), ["'none'"], what);
  assert.deepEqual(csp.get('form-action'), ["'self'"], what);
  assert.ok(csp.get('connect-src')?.includes("'self'"), what);
  const cache = cacheDirectives(response);
  assert.ok(cache.includes('private') && cache.includes('no-store'), `${what}: private, no-store (got ${cache.join(', ')})`);
  assert.ok(!cache.some((d) => d.startsWith('s-maxage') || d === 'public'), `${what}: ${cache.join(', ')}`);
  return nonce;
}

/** Every script element of the HTML carries the response's nonce, or Next's scripts would be blocked. */
function assertScriptsCarry(html: string, nonce: string, what: string) {
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.ok(scripts.length > 0, `${what}: has scripts`);
  for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `${what}: ${tag}`);
}

describe('security headers and the sign-in redirect on the built server', () => {
  let testDb: TestDatabase;
  let app: AppProcess;
  let secureApp: AppProcess;
  const ann = () => new GraphQLHttpClient(app.url);
  let annClient: GraphQLHttpClient;
  let bobClient: GraphQLHttpClient;

  before(async () => {
    testDb = await createTestDatabase();
    const env = () => ({ DATABASE_URL: testDb.url, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'crm-headers-')) });
    [app, secureApp] = await Promise.all([startAppProcess(env()), startAppProcess({ ...env(), COOKIE_SECURE: 'true' })]);
    annClient = ann();
    await annClient.data(SETUP, { i: admin });
    await annClient.data(CREATE_USER, { i: bob });
    bobClient = ann();
    await bobClient.data(SIGN_IN, { e: bob.email, p: bob.password });
  });
  after(async () => {
    await Promise.all([app?.stop(), secureApp?.stop()]);
    await testDb?.drop();
  });

  const get = (pathname: string, client?: GraphQLHttpClient, base = app.url) =>
    fetch(base + pathname, { redirect: 'manual', headers: client?.cookie ? { cookie: client.cookie } : {} });

  test('a page: strict CSP whose fresh nonce is on every script, no framing, no sniffing, no referrer', async () => {
    const first = await get('/sign-in');
    assert.equal(first.status, 200);
    const nonce = assertPageHeaders(first, '/sign-in');
    assertScriptsCarry(await first.text(), nonce, '/sign-in');
    const second = await get('/sign-in');
    assert.notEqual(assertPageHeaders(second, '/sign-in again'), nonce, 'a new nonce per response');
    await second.body?.cancel();
  });

  test('per-user pages are rendered per request and sent private, no-store', async () => {
    for (const pathname of ['/inbox', '/admin', '/settings/email', '/settings/local', '/no-such-page']) {
      const response = await get(pathname, annClient);
      assert.equal(response.status, pathname === '/no-such-page' ? 404 : 200, pathname);
      const nonce = assertPageHeaders(response, pathname);
      assert.equal(response.headers.get('x-nextjs-prerender'), null, `${pathname}: not a prerendered page`);
      assertScriptsCarry(await response.text(), nonce, pathname);
    }
  });

  test('redirects and the 403 page carry the headers too', async () => {
    const redirect = await get('/inbox');
    assert.equal(redirect.status, 307);
    assert.equal(redirect.headers.get('location'), '/sign-in?next=%2Finbox');
    assertPageHeaders(redirect, 'redirect to sign-in');
    const signedInRedirect = await get('/', annClient);
    assert.equal(signedInRedirect.status, 307);
    assertPageHeaders(signedInRedirect, 'redirect to the inbox');

    const forbidden = await get('/admin', bobClient);
    assert.equal(forbidden.status, 403);
    const nonce = assertPageHeaders(forbidden, '403');
    const html = await forbidden.text();
    assert.match(html, /You do not have access to this page/);
    assertScriptsCarry(html, nonce, '403');
  });

  test('/api/graphql: not stored, not framed, not sniffed, no referrer', async () => {
    const response = await fetch(`${app.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ setupRequired }' }),
    });
    assert.equal(response.status, 200);
    assertBaseline(response, '/api/graphql');
    assert.deepEqual(cacheDirectives(response), ['no-store']);
    assert.deepEqual(cspDirectives(response).get('frame-ancestors'), ["'none'"]);
    assert.equal(response.headers.get('strict-transport-security'), null, 'no HSTS without COOKIE_SECURE');
    await response.body?.cancel();
  });

  test('static assets keep their immutable caching', async () => {
    const html = await (await get('/sign-in')).text();
    const src = /<script[^>]*\ssrc="(\/_next\/static\/[^"]+)"/.exec(html)?.[1];
    assert.ok(src, 'the page links a static chunk');
    const asset = await get(src);
    assert.equal(asset.status, 200);
    assert.ok(cacheDirectives(asset).includes('immutable'), asset.headers.get('cache-control') ?? '');
    assert.equal(asset.headers.get('x-content-type-options'), 'nosniff');
    await asset.body?.cancel();
    // A file-like path that does not exist gets Next's 404 page: HTML, under the policy too.
    const missing = await get('/no-such-file.txt', annClient);
    assert.equal(missing.status, 404);
    const nonce = /'nonce-([^']+)'/.exec(missing.headers.get('content-security-policy') ?? '')?.[1];
    assert.ok(nonce, 'the 404 page of a file path has a nonce CSP');
    assertScriptsCarry(await missing.text(), nonce, '/no-such-file.txt');
  });

  test('HSTS only when COOKIE_SECURE is set (served over HTTPS)', async () => {
    const plain = await get('/sign-in');
    assert.equal(plain.headers.get('strict-transport-security'), null);
    await plain.body?.cancel();
    for (const pathname of ['/sign-in', '/api/graphql']) {
      const response = await get(pathname, undefined, secureApp.url);
      assert.equal(response.headers.get('strict-transport-security'), 'max-age=31536000', pathname);
      await response.body?.cancel();
    }
  });

  test('/sign-in?next=…: a signed-in visitor is never sent off the site, and never gets a 500', async () => {
    const hostile = [
      '/%09/evil.test/inbox',
      '/%5Cevil.test',
      '/%5C%5Cevil.test',
      '//evil.test',
      '%2F%2Fevil.test',
      '/%0A',
      '/%0D%0ASet-Cookie:%20x=1',
      'https://evil.test',
      'javascript:alert(1)',
      '/..//evil.test',
      '/%2e%2e//evil.test',
      '/%E3%80%80/evil.test',
      '/%E2%80%A8/evil.test',
    ];
    for (const next of hostile) {
      const signedIn = await get(`/sign-in?next=${next}`, bobClient);
      assert.equal(signedIn.status, 307, next);
      const location = signedIn.headers.get('location') ?? '';
      assert.equal(new URL(location, app.url).origin, new URL(app.url).origin, `${next} → ${location}`);
      assert.equal(location, '/inbox', next);
      const anonymous = await get(`/sign-in?next=${next}`);
      assert.equal(anonymous.status, 200, `${next}: the sign-in page renders`);
      await anonymous.body?.cancel();
    }
    const local = await get(`/sign-in?next=${encodeURIComponent('/settings/email?tab=x')}`, bobClient);
    assert.equal(local.headers.get('location'), '/settings/email?tab=x', 'a local path is still followed');
  });
});
