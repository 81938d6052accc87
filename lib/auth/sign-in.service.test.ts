// Sign-in limits, sessions and small auth rules through the real API (HTTP + graphql-ws) on
// PostgreSQL and PGlite (issue 8, items 2, 3, 7 and 10).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { insertSession } from '../../db/queries/sessions.ts';
import { findUserByEmail, insertUser } from '../../db/queries/users.ts';
import { rateLimits, sessions, tenants } from '../../db/schema/index.ts';
import { startApiServer, type ApiServer } from '../../e2e/support/api-server.ts';
import { GraphQLHttpClient, subscribe } from '../../e2e/support/graphql-client.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { cleanUpExpiredAuthRows } from './auth-housekeeping.ts';
import { revokeUserSessions } from './session-revocation.ts';
import type { SignInLimitsOptions } from './sign-in-limits.ts';

const SETUP = `mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { email } } }`;
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { email } } }`;
const CREATE_USER = `mutation($i: CreateUserInput!) { createUser(input: $i) { id email } }`;
const USER_EVENTS = `subscription { userEvents { kind user { email } } }`;

const ann = { tenantName: 'Acme', name: 'Ann Admin', email: 'ann@acme.test', password: 'ann-password' };
/** Small numbers so the limits are reached in a few attempts; the rules are the production ones. */
const limits: SignInLimitsOptions = {
  perAddress: 5,
  perAccountAndAddress: 3,
  windowSeconds: 900,
  perAccount: 8,
  accountWindowSeconds: 86_400,
  knownAddressSeconds: 86_400,
};

/** A client behind the trusted proxy, coming from `address`. */
function from(server: ApiServer, address: string): GraphQLHttpClient {
  const client = new GraphQLHttpClient(server.url);
  client.headers = { 'x-forwarded-for': address };
  return client;
}

async function signInCode(client: GraphQLHttpClient, email: string, password: string): Promise<string> {
  const result = await client.request(SIGN_IN, { e: email, p: password });
  return result.errors?.[0]?.extensions?.code ?? 'OK';
}

/** Opens a graphql-ws connection with the client's session; resolves once acknowledged, with its close event. */
async function openSocket(client: GraphQLHttpClient) {
  // Not lazy: a lazy client closes with 1000 by itself once its subscription ends, and the
  // revocation may end the subscription before the server's 4403 close arrives (seen under load).
  const ws = client.ws({ lazy: false });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('closed', (event) => {
      const { code, reason } = event as { code: number; reason: string };
      resolve({ code, reason: String(reason) });
    }),
  );
  const connected = new Promise<void>((resolve) => ws.on('connected', () => resolve()));
  const events = subscribe(ws, USER_EVENTS);
  await connected;
  return { ws, closed, events };
}

const engines: Array<[string, () => Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>]> = [
  [
    'PostgreSQL',
    async () => {
      const testDb: TestDatabase = await createTestDatabase();
      return { env: { DATABASE_URL: testDb.url }, cleanup: () => testDb.drop() };
    },
  ],
  [
    'PGlite',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-signin-'));
      return { env: { DATABASE_URL: '', DATA_DIR: dir }, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  ],
];

for (const [engine, open] of engines) {
  describe(`sign-in and sessions on ${engine}`, () => {
    let cleanup: () => Promise<void>;
    let app: ApiServer;
    let clock: Date | undefined;
    let spacesSetup: Awaited<ReturnType<GraphQLHttpClient['request']>>;
    let setupThroughSilentProxy: Awaited<ReturnType<GraphQLHttpClient['request']>>;
    before(async () => {
      const opened = await open();
      cleanup = opened.cleanup;
      app = await startApiServer(
        { ...opened.env, TRUST_PROXY: '1' },
        {
          signInLimits: limits,
          housekeeping: { intervalMs: 100 },
          sessionSockets: { expiryCheckMs: 50, now: () => clock ?? new Date() },
        },
      );
      const admin = from(app, '198.51.100.1');
      // Before the real setup (afterwards it answers SETUP_ALREADY_DONE first): spaces are no password.
      spacesSetup = await admin.request(SETUP, { i: { ...ann, password: '          ', setupToken: app.setupToken } });
      // A loopback peer with no forwarding header is the proxy itself when TRUST_PROXY names one:
      // it acts for anyone, so setup still wants the token.
      setupThroughSilentProxy = await new GraphQLHttpClient(app.url).request(SETUP, { i: ann });
      await admin.data(SETUP, { i: { ...ann, setupToken: app.setupToken } });
      await admin.data(CREATE_USER, { i: { name: 'Bob', email: 'bob@acme.test', password: 'bob-password' } });
    });
    after(async () => {
      await app?.close();
      await cleanup?.();
    });

    test('a password of spaces is refused at setup and for a new user', async () => {
      assert.equal(spacesSetup.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.equal(spacesSetup.errors?.[0]?.extensions?.field, 'password');
      const admin = from(app, '198.51.100.1');
      await admin.data(SIGN_IN, { e: ann.email, p: ann.password });
      const create = await admin.request(CREATE_USER, { i: { name: 'Sam', email: 'sam@acme.test', password: ' \t        ' } });
      assert.equal(create.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.equal(create.errors?.[0]?.extensions?.field, 'password');
    });

    test('behind the trusted proxy, two clients with different X-Forwarded-For do not share a bucket', async () => {
      const guesser = from(app, '203.0.113.10');
      const codes = [];
      for (let i = 1; i <= limits.perAddress + 1; i++)
        codes.push(await signInCode(guesser, `ghost${i}@acme.test`, 'wrong-password'));
      assert.deepEqual(codes.slice(0, limits.perAddress), Array(limits.perAddress).fill('BAD_CREDENTIALS'));
      assert.equal(codes.at(-1), 'RATE_LIMITED', 'the guesser is limited');
      assert.equal(await signInCode(from(app, '203.0.113.11'), 'bob@acme.test', 'bob-password'), 'OK', 'its neighbour is not');
    });

    test('a flood from a refused address adds no rows (the store stays bounded)', async () => {
      const { db } = app.services.database;
      const before = (await db.select().from(rateLimits)).length;
      const guesser = from(app, '203.0.113.10'); // refused since the test above
      for (let i = 0; i < 20; i++) assert.equal(await signInCode(guesser, `flood${i}@acme.test`, 'x'), 'RATE_LIMITED');
      assert.equal((await db.select().from(rateLimits)).length, before);
    });

    test('successful sign-ins do not count', async () => {
      const client = from(app, '203.0.113.20');
      for (let i = 0; i < limits.perAddress; i++) assert.equal(await signInCode(client, ann.email, ann.password), 'OK');
      const codes = [];
      for (let i = 1; i <= limits.perAddress + 1; i++)
        codes.push(await signInCode(client, `nobody${i}@acme.test`, 'wrong-password'));
      assert.deepEqual(codes.slice(0, limits.perAddress), Array(limits.perAddress).fill('BAD_CREDENTIALS'));
      assert.equal(codes.at(-1), 'RATE_LIMITED');
    });

    test('an attacked account: the attacker is stopped, the real user still signs in', async () => {
      assert.equal(await signInCode(from(app, '192.0.2.1'), 'bob@acme.test', 'bob-password'), 'OK', 'Bob, at home');
      // One attacker address, more attempts than the old per-e-mail lockout (10) allowed.
      const attacker = from(app, '203.0.113.30');
      const codes = [];
      for (let i = 0; i < 11; i++) codes.push(await signInCode(attacker, 'bob@acme.test', `guess-${i}`));
      assert.equal(codes[limits.perAccountAndAddress], 'RATE_LIMITED');
      assert.equal(await signInCode(attacker, 'bob@acme.test', 'bob-password'), 'RATE_LIMITED', 'even the right password');
      assert.equal(await signInCode(from(app, '192.0.2.1'), 'bob@acme.test', 'bob-password'), 'OK');
      assert.equal(await signInCode(from(app, '192.0.2.2'), 'bob@acme.test', 'bob-password'), 'OK', 'Bob, at work');
      // Spread over many addresses the attack reaches the slower per-account cap: addresses Bob
      // never signed in from are refused, the ones he did sign in from are not.
      for (let a = 40; a < 46; a++)
        for (let i = 0; i < 3; i++) await signInCode(from(app, `203.0.113.${a}`), 'bob@acme.test', 'guess');
      assert.equal(await signInCode(from(app, '203.0.113.99'), 'bob@acme.test', 'bob-password'), 'RATE_LIMITED');
      assert.equal(await signInCode(from(app, '192.0.2.1'), 'bob@acme.test', 'bob-password'), 'OK', 'Bob is not locked out');
    });

    test('rate-limit rows carry fixed-length hashed keys, expire, and are cleaned up', async () => {
      const long = `${'x'.repeat(240)}@acme.test`;
      await signInCode(from(app, '203.0.113.50'), long, 'wrong-password');
      const { db } = app.services.database;
      const rows = await db.select().from(rateLimits);
      assert.ok(rows.length > 0);
      for (const row of rows) {
        assert.match(row.key, /^signin-[a-z-]+:[0-9a-f]{64}$/);
        assert.ok(row.expire, 'every counter expires');
      }
      assert.ok(!rows.some((row) => row.key.includes('xxxx') || row.key.includes('acme')), 'no raw e-mail or address is stored');
      const deleted = await cleanUpExpiredAuthRows(db, new Date(Date.now() + 31 * 86_400_000));
      assert.equal(deleted.rateLimits, rows.length);
      assert.deepEqual(await db.select().from(rateLimits), []);
    });

    test('an address used in another tenant is refused without saying it exists', async () => {
      const { db } = app.services.database;
      const [other] = await db.insert(tenants).values({ name: 'Other' }).returning();
      await insertUser(db, { tenantId: other!.id, email: 'olga@other.test', name: 'Olga', passwordHash: 'x', role: 'user' });
      const admin = from(app, '198.51.100.1');
      await admin.data(SIGN_IN, { e: ann.email, p: ann.password });
      const elsewhere = await admin.request(CREATE_USER, {
        i: { name: 'O', email: 'olga@other.test', password: 'olga-password' },
      });
      assert.equal(elsewhere.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.doesNotMatch(elsewhere.errors?.[0]?.message ?? '', /exist|taken|another/i);
      const own = await admin.request(CREATE_USER, { i: { name: 'B', email: 'bob@acme.test', password: 'bob-password' } });
      assert.equal(own.errors?.[0]?.extensions?.code, 'EMAIL_TAKEN', 'a clash in the own tenant may be named');
    });

    test('behind a trusted proxy, a loopback request without forwarding headers is not local: setup wanted the token', () => {
      assert.equal(setupThroughSilentProxy.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    });

    test('sign-in over WebSocket is refused before any work: no session is made', async () => {
      const { db } = app.services.database;
      const sessionsBefore = (await db.select().from(sessions)).length;
      const ws = from(app, '198.51.100.77').ws();
      try {
        const result = await new Promise<{ errors?: Array<{ extensions?: { code?: string } }> }>((resolve, reject) => {
          let last: { errors?: Array<{ extensions?: { code?: string } }> } = {};
          ws.subscribe(
            { query: SIGN_IN, variables: { e: ann.email, p: ann.password } },
            { next: (value) => void (last = value as typeof last), error: reject, complete: () => resolve(last) },
          );
        });
        assert.equal(result.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      } finally {
        await ws.dispose();
      }
      assert.equal((await db.select().from(sessions)).length, sessionsBefore);
    });

    test('`bearer` in any case is accepted (RFC 7235)', async () => {
      const { signIn } = await from(app, '198.51.100.2').data<{ signIn: { token: string } }>(SIGN_IN, {
        e: ann.email,
        p: ann.password,
      });
      for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
        const client = new GraphQLHttpClient(app.url);
        client.headers = { authorization: `${scheme} ${signIn.token}` };
        assert.deepEqual(await client.data(`{ viewer { user { email } } }`), { viewer: { user: { email: ann.email } } }, scheme);
      }
    });

    test('the scheduled job deletes expired sessions', { timeout: 30_000 }, async (t) => {
      const { db } = app.services.database;
      const user = (await findUserByEmail(db, ann.email))!;
      await insertSession(db, 'expired-session', user.id, new Date(Date.now() - 1000));
      await insertSession(db, 'live-session', user.id, new Date(Date.now() + 60_000));
      const exists = async (hash: string) =>
        (
          await db
            .select()
            .from(sessions)
            .where(sql`${sessions.tokenHash} = ${hash}`)
        ).length > 0;
      // Polls for the state the job produces; the loop ends with the test if it never comes.
      while (!t.signal.aborted && (await exists('expired-session'))) await new Promise((r) => setTimeout(r, 50));
      assert.equal(await exists('expired-session'), false);
      assert.equal(await exists('live-session'), true);
    });

    test('sign-out closes the WebSockets opened with the session', { timeout: 30_000 }, async () => {
      const admin = from(app, '198.51.100.3');
      await admin.data(SIGN_IN, { e: ann.email, p: ann.password });
      const socket = await openSocket(admin);
      try {
        await admin.data(`mutation { signOut }`);
        assert.deepEqual(await socket.closed, { code: 4403, reason: 'Session ended' });
      } finally {
        await socket.ws.dispose();
      }
    });

    test("revoking a user's sessions closes their sockets", { timeout: 30_000 }, async () => {
      const admin = from(app, '198.51.100.3');
      await admin.data(SIGN_IN, { e: ann.email, p: ann.password });
      const socket = await openSocket(admin);
      try {
        await revokeUserSessions(app.services, (await findUserByEmail(app.services.database.db, ann.email))!.id);
        assert.equal((await socket.closed).code, 4403);
      } finally {
        await socket.ws.dispose();
      }
    });

    test('an expired session’s sockets are closed', { timeout: 30_000 }, async () => {
      const admin = from(app, '198.51.100.4');
      await admin.data(SIGN_IN, { e: ann.email, p: ann.password });
      const socket = await openSocket(admin);
      try {
        clock = new Date(Date.now() + 31 * 86_400_000);
        assert.deepEqual(await socket.closed, { code: 4403, reason: 'Session expired' });
      } finally {
        clock = undefined;
        await socket.ws.dispose();
      }
    });
  });
}

describe('two app instances on one PostgreSQL database', () => {
  let testDb: TestDatabase;
  let first: ApiServer;
  let second: ApiServer;
  let untrusting: ApiServer;
  before(async () => {
    testDb = await createTestDatabase();
    const env = { DATABASE_URL: testDb.url, TRUST_PROXY: '1' };
    first = await startApiServer(env, { signInLimits: limits });
    [second, untrusting] = await Promise.all([
      startApiServer(env, { signInLimits: limits }),
      startApiServer({ DATABASE_URL: testDb.url }, { signInLimits: limits }),
    ]);
    await new GraphQLHttpClient(first.url).data(SETUP, { i: { ...ann, setupToken: first.setupToken } });
  });
  after(async () => {
    await Promise.all([first?.close(), second?.close(), untrusting?.close()]);
    await testDb?.drop();
  });

  test('share the sign-in counters', async () => {
    assert.equal(await signInCode(from(first, '203.0.113.60'), ann.email, 'wrong-1'), 'BAD_CREDENTIALS');
    assert.equal(await signInCode(from(second, '203.0.113.60'), ann.email, 'wrong-2'), 'BAD_CREDENTIALS');
    assert.equal(await signInCode(from(first, '203.0.113.60'), ann.email, 'wrong-3'), 'BAD_CREDENTIALS');
    assert.equal(await signInCode(from(second, '203.0.113.60'), ann.email, ann.password), 'RATE_LIMITED');
  });

  test('without TRUST_PROXY, X-Forwarded-For is ignored: the socket address is the bucket', async () => {
    const codes = [];
    for (let i = 1; i <= limits.perAddress + 1; i++)
      codes.push(await signInCode(from(untrusting, `198.18.0.${i}`), `ghost${i}@acme.test`, 'x'));
    assert.equal(codes.at(-1), 'RATE_LIMITED');
  });

  test('sign-out on one instance closes the session’s socket on the other', { timeout: 30_000 }, async () => {
    const client = from(first, '198.51.100.5');
    await client.data(SIGN_IN, { e: ann.email, p: ann.password });
    const onSecond = new GraphQLHttpClient(second.url);
    onSecond.cookie = client.cookie;
    const socket = await openSocket(onSecond);
    try {
      await client.data(`mutation { signOut }`);
      assert.deepEqual(await socket.closed, { code: 4403, reason: 'Session ended' });
    } finally {
      await socket.ws.dispose();
    }
  });
});
