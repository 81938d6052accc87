/**
 * `/api/oauth/start` and `/api/oauth/callback` (issue 13) in the real server process, against the
 * local authorization server, the private Dovecot and the SMTP relay (e2e/mail-stack with oauth),
 * real PostgreSQL. Google is configured (pointed at the local server), Microsoft is not.
 *
 * 1. Both routes need a session; a provider without configuration sends the person back with
 *    OAUTH_NOT_CONFIGURED; a bad parameter is a 400.
 * 2. start → provider's sign-in and consent → callback: IMAP and SMTP verified with XOAUTH2, the
 *    account saved as OAUTH2 and imported (a message in Dovecot shows up through the API).
 * 3. A callback that does not match: another sign-in's state, another session's cookie, no cookie
 *    → OAUTH_SIGN_IN_FAILED. A declined consent → OAUTH_ACCESS_DENIED. Another mailbox than the one
 *    typed → OAUTH_WRONG_ACCOUNT.
 * 4. A revoked grant → reconnect required; "Sign in again" (start with the account) → live again.
 * 5. Reconnect required, and the person uses "Connect your mailbox" (no account) instead of "Sign
 *    in again": the same account gets the new grant and is live. A mailbox connected with a
 *    password stays MAIL_ACCOUNT_EXISTS when signed in with Google (no silent switch of sign-in).
 *
 * Run (after `next build`): node --import tsx --import ./scripts/register-server-only.mjs --test lib/server/oauth-routes.service.test.ts
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startMailStack, type MailStack } from '../../e2e/mail-stack/index.ts';
import { driveConsent } from '../../e2e/oauth-stack/drive-consent.ts';
import { startAppProcess, type AppProcess } from '../../e2e/support/app-process.ts';
import { GraphQLHttpClient } from '../../e2e/support/graphql-client.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { eventually } from '../sync/fixtures/sync-test-env.ts';

const ANN = { email: 'ann@example.test', password: 'ann-mail-pw' };
const BOB = { email: 'bob@example.test', password: 'bob-mail-pw' };
const ACCOUNTS = `{ mailAccounts { id email status lastErrorCode imap { host port authKind oauthProvider } smtp { authKind } } }`;

interface AccountView {
  id: string;
  email: string;
  status: string;
  lastErrorCode: string | null;
  imap: { host: string; port: number; authKind: string; oauthProvider: string | null };
  smtp: { authKind: string };
}

describe('Google and Microsoft sign-in routes', () => {
  let stack: MailStack;
  let testDb: TestDatabase;
  let app: AppProcess;
  let dir: string;
  const ann = new GraphQLHttpClient('');
  const bob = new GraphQLHttpClient('');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-oauth-routes-'));
    stack = await startMailStack({ oauth: true });
    await stack.addUsers([ANN, BOB]);
    fs.writeFileSync(path.join(dir, 'ca.pem'), stack.certPem);
    testDb = await createTestDatabase();
    const google = stack.oauth!.clients['google-test'];
    app = await startAppProcess({
      DATABASE_URL: testDb.url,
      DATA_DIR: dir,
      NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
      GOOGLE_OAUTH_CLIENT_ID: google.clientId,
      GOOGLE_OAUTH_CLIENT_SECRET: google.clientSecret,
      OAUTH_GOOGLE_ISSUER: stack.oauth!.issuer,
      OAUTH_GOOGLE_IMAP_URL: `imaps://localhost:${stack.ports.imaps}`,
      OAUTH_GOOGLE_SMTP_URL: `smtps://localhost:${stack.ports.smtps}`,
    });
    Object.assign(ann, { baseUrl: app.url });
    Object.assign(bob, { baseUrl: app.url });
    await ann.data(`mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { id } } }`, {
      i: { tenantName: 'Acme', name: 'Ann', email: 'ann@acme.test', password: 'ann-password' },
    });
    await ann.data(`mutation { createUser(input: { name: "Bob", email: "bob@acme.test", password: "bob-password" }) { id } }`);
    await bob.data(`mutation { signIn(email: "bob@acme.test", password: "bob-password") { user { id } } }`);
  });
  after(async () => {
    await app?.stop();
    await testDb?.drop();
    await stack?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** GET on the app without following redirects, with the client's session (and an extra cookie). */
  async function get(client: GraphQLHttpClient | null, pathAndQuery: string, extraCookie?: string) {
    const cookie = [client?.cookie, extraCookie].filter(Boolean).join('; ');
    const res = await fetch(new URL(pathAndQuery, app.url), { redirect: 'manual', headers: cookie ? { cookie } : {} });
    await res.body?.cancel();
    const stateCookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('crm_oauth='))
      ?.split(';')[0];
    return {
      status: res.status,
      location: res.headers.get('location') ?? '',
      setCookie: res.headers.getSetCookie(),
      stateCookie,
    };
  }

  /** start → the provider's pages → the URL the provider sends the browser back to. */
  async function signInAtProvider(
    client: GraphQLHttpClient,
    query: string,
    user: { email: string; password: string; allow?: boolean },
  ) {
    const started = await get(client, `/api/oauth/start?${query}`);
    assert.equal(started.status, 303, started.location);
    assert.ok(started.location.startsWith(`${stack.oauth!.issuer}/auth?`), started.location);
    assert.ok(started.stateCookie, 'the sealed sign-in state');
    const callback = new URL(await driveConsent(started.location, user));
    assert.equal(callback.origin + callback.pathname, `${app.url}/api/oauth/callback`, 'back on the app’s own origin');
    return { callback: callback.pathname + callback.search, stateCookie: started.stateCookie!, setCookie: started.setCookie };
  }

  /** The subjects in Ann's inbox through the API, once they are `expected` (waits for the import). */
  async function inboxSubjects(expected: string[]): Promise<string[]> {
    const read = async () => {
      const { mailAccounts } = await ann.data<{
        mailAccounts: Array<{ folders: Array<{ id: string; specialUse: string | null }> }>;
      }>(`{ mailAccounts { folders { id specialUse } } }`);
      const inbox = mailAccounts[0]!.folders.find((f) => f.specialUse === '\\Inbox')!;
      const page = await ann.data<{ messages: { nodes: Array<{ subject: string }> } }>(
        `query($f: ID!) { messages(folderId: $f) { nodes { subject } } }`,
        { f: inbox.id },
      );
      return page.messages.nodes.map((m) => m.subject).sort();
    };
    return eventually(read, (found) => JSON.stringify(found) === JSON.stringify([...expected].sort()), 60_000);
  }

  const accounts = async (client: GraphQLHttpClient) =>
    (await client.data<{ mailAccounts: AccountView[] }>(ACCOUNTS)).mailAccounts;

  test('both routes need a session; an unconfigured provider or a bad parameter is refused', async () => {
    assert.equal((await get(null, '/api/oauth/start?provider=google')).status, 401);
    assert.equal((await get(null, '/api/oauth/callback?code=x&state=y')).status, 401);
    const microsoft = await get(ann, '/api/oauth/start?provider=microsoft&email=ann%40contoso.test&from=settings');
    assert.equal(microsoft.status, 303);
    assert.equal(microsoft.location, '/settings/email?oauthError=OAUTH_NOT_CONFIGURED');
    assert.equal(
      (await get(ann, '/api/oauth/start?provider=microsoft&from=setup')).location,
      '/inbox?setup=new&oauthError=OAUTH_NOT_CONFIGURED',
    );
    assert.equal(
      (await get(ann, '/api/oauth/start?provider=microsoft&from=https://evil.test')).location,
      '/inbox?oauthError=OAUTH_NOT_CONFIGURED',
    );
    assert.equal((await get(ann, '/api/oauth/start?provider=yahoo')).status, 400);
    assert.equal((await get(ann, `/api/oauth/start?provider=google&email=${'a'.repeat(400)}%40x.test`)).status, 400);
    assert.equal((await get(ann, '/api/oauth/start?provider=google&account=not-a-uuid')).status, 400);
  });

  test('the state cookie is httpOnly, SameSite=Lax, scoped to the OAuth routes and short-lived', async () => {
    const { setCookie } = await signInAtProvider(ann, 'provider=google', ANN);
    const cookie = setCookie.find((c) => c.startsWith('crm_oauth='))!;
    assert.match(cookie, /; Path=\/api\/oauth\/; HttpOnly; SameSite=Lax; Max-Age=600/);
  });

  test('a callback with another sign-in’s state, another session’s cookie or no cookie is refused', async () => {
    const first = await signInAtProvider(ann, 'provider=google', ANN);
    const second = await signInAtProvider(ann, 'provider=google', ANN);
    const mismatch = await get(ann, second.callback, first.stateCookie);
    assert.equal(mismatch.location, '/inbox?oauthError=OAUTH_SIGN_IN_FAILED');
    assert.ok(
      mismatch.setCookie.some((c) => /^crm_oauth=; .*Max-Age=0/.test(c)),
      'the state cookie is cleared',
    );
    // Ann's sign-in finished in Bob's session: login CSRF.
    const otherSession = await get(bob, first.callback, first.stateCookie);
    assert.equal(otherSession.location, '/inbox?oauthError=OAUTH_SIGN_IN_FAILED');
    assert.equal((await get(ann, first.callback)).location, '/inbox?oauthError=OAUTH_SIGN_IN_FAILED');
    assert.deepEqual(await accounts(ann), []);
    assert.deepEqual(await accounts(bob), []);
  });

  test('a declined consent and another mailbox than the one typed are named', async () => {
    const declined = await signInAtProvider(ann, 'provider=google&from=settings', { ...ANN, allow: false });
    assert.equal(
      (await get(ann, declined.callback, declined.stateCookie)).location,
      '/settings/email?oauthError=OAUTH_ACCESS_DENIED',
    );
    const wrong = await signInAtProvider(ann, `provider=google&email=${encodeURIComponent(ANN.email)}`, BOB);
    assert.equal((await get(ann, wrong.callback, wrong.stateCookie)).location, '/inbox?oauthError=OAUTH_WRONG_ACCOUNT');
    assert.deepEqual(await accounts(ann), []);
  });

  let accountId = '';

  test('sign in with Google: verified with XOAUTH2, saved as OAUTH2, mail imported', async () => {
    await stack.deliver(
      ANN.email,
      `From: carol@example.test\r\nTo: ${ANN.email}\r\nSubject: Before connecting\r\n\r\nHello.\r\n`,
    );
    const signIn = await signInAtProvider(ann, `provider=google&email=${encodeURIComponent(ANN.email)}`, ANN);
    const done = await get(ann, signIn.callback, signIn.stateCookie);
    assert.equal(done.location, '/inbox');
    const [account] = await accounts(ann);
    assert.ok(account);
    accountId = account.id;
    assert.deepEqual(
      { ...account, id: '' },
      {
        id: '',
        email: ANN.email,
        status: 'CONNECTED',
        lastErrorCode: null,
        imap: { host: 'localhost', port: stack.ports.imaps, authKind: 'OAUTH2', oauthProvider: 'google' },
        smtp: { authKind: 'OAUTH2' },
      },
    );
    assert.deepEqual(await inboxSubjects(['Before connecting']), ['Before connecting']);
  });

  test('a revoked grant: reconnect required, then "Sign in again" replaces the grant and the account is live', async () => {
    await stack.oauth!.revokeGrants(ANN.email);
    // The IDLE session opened before the revocation stays; the runner's next login is refused.
    await stack.restartDovecot();
    const stopped = await eventually(
      async () => (await accounts(ann))[0]!,
      (a) => a.status === 'RECONNECT_REQUIRED',
      60_000,
    );
    assert.equal(stopped.lastErrorCode, 'MAIL_OAUTH_RECONNECT_REQUIRED');

    const again = await signInAtProvider(ann, `provider=google&account=${accountId}`, ANN);
    assert.equal((await get(ann, again.callback, again.stateCookie)).location, '/inbox');
    const [account] = await accounts(ann);
    assert.equal(account!.id, accountId, 'the same account');
    assert.equal(account!.status, 'CONNECTED');
    await stack.deliver(
      ANN.email,
      `From: carol@example.test\r\nTo: ${ANN.email}\r\nSubject: After signing in again\r\n\r\nHi.\r\n`,
    );
    assert.deepEqual(await inboxSubjects(['Before connecting', 'After signing in again']), [
      'After signing in again',
      'Before connecting',
    ]);
  });

  test('"Connect your mailbox" for a Google mailbox already connected reconnects it; a password one stays MAIL_ACCOUNT_EXISTS', async () => {
    await stack.oauth!.revokeGrants(ANN.email);
    await stack.restartDovecot();
    await eventually(
      async () => (await accounts(ann))[0]!,
      (a) => a.status === 'RECONNECT_REQUIRED',
      60_000,
    );
    const connect = await signInAtProvider(ann, `provider=google&email=${encodeURIComponent(ANN.email)}&from=setup`, ANN);
    assert.equal((await get(ann, connect.callback, connect.stateCookie)).location, '/inbox');
    const after = await accounts(ann);
    assert.equal(after.length, 1, 'no second account');
    assert.deepEqual(
      { id: after[0]!.id, status: after[0]!.status, authKind: after[0]!.imap.authKind },
      { id: accountId, status: 'CONNECTED', authKind: 'OAUTH2' },
    );
    await stack.deliver(
      ANN.email,
      `From: carol@example.test\r\nTo: ${ANN.email}\r\nSubject: After connecting again\r\n\r\nHi.\r\n`,
    );
    assert.deepEqual(await inboxSubjects(['Before connecting', 'After signing in again', 'After connecting again']), [
      'After connecting again',
      'After signing in again',
      'Before connecting',
    ]);

    await bob.data(`mutation($i: ConnectMailAccountInput!) { connectMailAccount(input: $i) { id } }`, {
      i: {
        email: BOB.email,
        password: BOB.password,
        imap: { server: `localhost:${stack.ports.imaps}`, ssl: true, username: BOB.email },
        smtp: { server: `localhost:${stack.ports.smtps}`, ssl: true, username: BOB.email },
      },
    });
    const google = await signInAtProvider(bob, `provider=google&email=${encodeURIComponent(BOB.email)}`, BOB);
    assert.equal((await get(bob, google.callback, google.stateCookie)).location, '/inbox?oauthError=MAIL_ACCOUNT_EXISTS');
    const [bobs] = await accounts(bob);
    assert.deepEqual([bobs!.imap.authKind, bobs!.smtp.authKind], ['PASSWORD', 'PASSWORD'], 'still signs in with its password');
    // "Sign in again" is for OAuth2 accounts: a crafted link naming the password account changes nothing.
    const crafted = await signInAtProvider(bob, `provider=google&account=${bobs!.id}`, BOB);
    assert.match((await get(bob, crafted.callback, crafted.stateCookie)).location ?? '', /oauthError=NOT_FOUND$/);
    const [still] = await accounts(bob);
    assert.deepEqual([still!.imap.authKind, still!.smtp.authKind], ['PASSWORD', 'PASSWORD']);
  });
});
