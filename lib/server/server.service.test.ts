// The real server process (needs `next build`), driven like an integrator: HTTP + graphql-ws.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runAppExpectingFailure, startAppProcess, type AppProcess } from '../../e2e/support/app-process.ts';
import { GraphQLHttpClient, subscribe } from '../../e2e/support/graphql-client.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';

const SETUP = `mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { email role isOperator } } }`;
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { email } } }`;
const CREATE_USER = `mutation($i: CreateUserInput!) { createUser(input: $i) { id email role } }`;
const USER_EVENTS = `subscription { userEvents { kind user { email } } }`;

const admin = { tenantName: 'Acme', name: 'Ann Admin', email: 'ann@acme.test', password: 'ann-password' };

describe('server on PostgreSQL', () => {
  let testDb: TestDatabase;
  let app: AppProcess;
  let second: AppProcess;
  before(async () => {
    testDb = await createTestDatabase();
    [app, second] = await Promise.all([
      startAppProcess({ DATABASE_URL: testDb.url, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'crm-srv-')) }),
      startAppProcess({ DATABASE_URL: testDb.url, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'crm-srv-')) }),
    ]);
  });
  after(async () => {
    await Promise.all([app?.stop(), second?.stop()]);
    await testDb?.drop();
  });

  test('first run: setup creates the admin, then is closed', async () => {
    const ann = new GraphQLHttpClient(app.url);
    assert.deepEqual(await ann.data(`{ setupRequired viewer { user { email } } }`), { setupRequired: true, viewer: null });
    const page = await fetch(`${app.url}/admin`, { redirect: 'manual' });
    assert.equal(page.headers.get('location'), '/setup');
    const { completeSetup } = await ann.data<{ completeSetup: { user: unknown } }>(SETUP, { i: admin });
    assert.deepEqual(completeSetup.user, { email: 'ann@acme.test', role: 'ADMIN', isOperator: true });
    const again = await new GraphQLHttpClient(app.url).request(SETUP, { i: { ...admin, email: 'eve@evil.test' } });
    assert.equal(again.errors?.[0]?.extensions?.code, 'SETUP_ALREADY_DONE');
    assert.deepEqual(await ann.data(`{ viewer { isAdmin tenant { name } } }`), {
      viewer: { isAdmin: true, tenant: { name: 'Acme' } },
    });
  });

  test('without a session: UNAUTHENTICATED; with the wrong role: FORBIDDEN', async () => {
    const anonymous = new GraphQLHttpClient(app.url);
    assert.equal((await anonymous.request(`{ users { email } }`)).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const ann = new GraphQLHttpClient(app.url);
    await ann.data(SIGN_IN, { e: admin.email, p: admin.password });
    await ann.data(CREATE_USER, { i: { name: 'Bob', email: 'bob@acme.test', password: 'bob-password' } });
    const bob = new GraphQLHttpClient(app.url);
    await bob.data(SIGN_IN, { e: 'bob@acme.test', p: 'bob-password' });
    assert.equal((await bob.request(`{ users { email } }`)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const create = await bob.request(CREATE_USER, { i: { name: 'X', email: 'x@acme.test', password: 'x-password' } });
    assert.equal(create.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const adminPage = await fetch(`${app.url}/admin`, { headers: { cookie: bob.cookie! }, redirect: 'manual' });
    assert.equal(adminPage.status, 403);
    assert.match(await adminPage.text(), /You do not have access to this page/);
  });

  test('wrong credentials: one message whether or not the user exists; then rate-limited', async () => {
    const client = new GraphQLHttpClient(app.url);
    const wrongPassword = await client.request(SIGN_IN, { e: admin.email, p: 'nope-nope' });
    const noSuchUser = await client.request(SIGN_IN, { e: 'ghost@acme.test', p: 'nope-nope' });
    assert.equal(wrongPassword.errors?.[0]?.message, 'E-mail or password is incorrect');
    assert.equal(noSuchUser.errors?.[0]?.message, 'E-mail or password is incorrect');
    assert.equal(wrongPassword.errors?.[0]?.extensions?.code, 'BAD_CREDENTIALS');
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 10; i++)
      codes.push((await client.request(SIGN_IN, { e: 'ghost@acme.test', p: 'x' })).errors?.[0]?.extensions?.code);
    assert.equal(codes.at(-1), 'RATE_LIMITED');
  });

  test('mutations without a JSON content type or preflight header are refused (CSRF)', async () => {
    const response = await fetch(`${app.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: SIGN_IN, variables: { e: admin.email, p: admin.password } }),
    });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /Cross-Site Request Forgery/);
  });

  test('sign-out ends the session', async () => {
    const ann = new GraphQLHttpClient(app.url);
    await ann.data(SIGN_IN, { e: admin.email, p: admin.password });
    const stolenCookie = ann.cookie;
    assert.deepEqual(await ann.data(`mutation { signOut }`), { signOut: true });
    const replay = new GraphQLHttpClient(app.url);
    replay.cookie = stolenCookie;
    assert.deepEqual(await replay.data(`{ viewer { user { email } } }`), { viewer: null });
  });

  test('subscriptions: an admin hears of a user created through another server process', async () => {
    const ann = new GraphQLHttpClient(app.url);
    await ann.data(SIGN_IN, { e: admin.email, p: admin.password });
    const ws = ann.ws();
    try {
      const events = subscribe<{ userEvents: { kind: string; user: { email: string } } }>(ws, USER_EVENTS);
      // graphql-ws acknowledges asynchronously; give the subscription a moment to be registered.
      await new Promise((r) => setTimeout(r, 300));
      const other = new GraphQLHttpClient(second.url);
      await other.data(SIGN_IN, { e: admin.email, p: admin.password });
      await other.data(CREATE_USER, { i: { name: 'Carol', email: 'carol@acme.test', password: 'carol-password' } });
      const event = await events.next();
      assert.deepEqual(event.data, { userEvents: { kind: 'CREATED', user: { email: 'carol@acme.test' } } });
      events.dispose();
    } finally {
      await ws.dispose();
    }
  });

  test('subscriptions are authorized too', async () => {
    const bob = new GraphQLHttpClient(app.url);
    await bob.data(SIGN_IN, { e: 'bob@acme.test', p: 'bob-password' });
    const ws = bob.ws();
    try {
      const events = subscribe(ws, USER_EVENTS);
      const first = await events.next();
      assert.equal(first.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    } catch (error) {
      // graphql-ws reports subscribe-time errors through `error` with the GraphQL errors array.
      const errors = error as Array<{ extensions?: { code?: string } }>;
      assert.equal(errors[0]?.extensions?.code, 'FORBIDDEN');
    } finally {
      await ws.dispose();
    }
  });

  test('a cross-site WebSocket upgrade is refused', async () => {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(app.url.replace('http', 'ws') + '/api/graphql', 'graphql-transport-ws', {
      headers: { origin: 'https://evil.example' },
    });
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.on('open', () => resolve(101));
      socket.on('error', () => resolve(undefined));
    });
    socket.terminate();
    assert.equal(status, 403);
  });
});

describe('server on embedded PGlite (no DATABASE_URL)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-pglite-app-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('serves the app, keeps its data across a restart, and generates the credentials key', async () => {
    let app = await startAppProcess({ DATABASE_URL: '', DATA_DIR: dataDir });
    try {
      assert.match(app.output(), /embedded PGlite/);
      const client = new GraphQLHttpClient(app.url);
      await client.data(SETUP, { i: admin });
      const page = await fetch(`${app.url}/sign-in`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Sign in to CRM Inbox/);
    } finally {
      assert.equal(await app.stop(), 0, 'clean shutdown on SIGTERM');
    }
    assert.ok(fs.existsSync(path.join(dataDir, 'mail-credentials.key')));
    app = await startAppProcess({ DATABASE_URL: '', DATA_DIR: dataDir });
    try {
      const client = new GraphQLHttpClient(app.url);
      assert.deepEqual(await client.data(`{ setupRequired }`), { setupRequired: false });
      await client.data(SIGN_IN, { e: admin.email, p: admin.password });
      assert.deepEqual(await client.data(`{ viewer { user { email } } }`), { viewer: { user: { email: admin.email } } });
    } finally {
      await app.stop();
    }
  });
});

describe('bad start-up conditions', () => {
  test('invalid config: one line naming the variable, exit 2', async () => {
    const { code, output } = await runAppExpectingFailure({ PORT: 'eighty' });
    assert.equal(code, 2);
    assert.equal(output.trim(), 'crm-inbox: Invalid configuration: PORT must be an integer between 1 and 65535 (got "eighty")');
  });

  test('database unreachable: a clear message, no stack trace, exit 2', async () => {
    const { code, output } = await runAppExpectingFailure({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    assert.equal(code, 2);
    assert.match(
      output,
      /^crm-inbox: Cannot connect to the database at postgres:\/\/postgres@127\.0\.0\.1:1\/none: ECONNREFUSED/,
    );
    assert.doesNotMatch(output, /\n\s+at /, 'no stack trace');
  });
});
