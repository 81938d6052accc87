/**
 * "Sign in with Microsoft" through the real server process (issue 13): the Microsoft shape
 * (offline_access and the Outlook scopes, the address from the ID token) against the local
 * authorization server, with SMTP over STARTTLS as at smtp.office365.com:587. Google is not
 * configured here: its sign-in sends the person back with OAUTH_NOT_CONFIGURED.
 *
 * Run (after `next build`): node --import tsx --import ./scripts/register-server-only.mjs --test lib/server/oauth-routes-microsoft.service.test.ts
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startMailStack, type MailStack } from '../../e2e/mail-stack/index.ts';
import { driveConsent } from '../../e2e/oauth-stack/drive-consent.ts';
import { startAppProcess, type AppProcess } from '../../e2e/support/app-process.ts';
import { GraphQLHttpClient } from '../../e2e/support/graphql-client.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';

const DEE = { email: 'dee@contoso.test', password: 'dee-mail-pw' };

let stack: MailStack;
let testDb: TestDatabase;
let app: AppProcess;
let dir: string;
const dee = new GraphQLHttpClient('');

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-oauth-ms-'));
  stack = await startMailStack({ oauth: true });
  await stack.addUsers([DEE]);
  fs.writeFileSync(path.join(dir, 'ca.pem'), stack.certPem);
  testDb = await createTestDatabase();
  const microsoft = stack.oauth!.clients['microsoft-test'];
  app = await startAppProcess({
    DATABASE_URL: testDb.url,
    DATA_DIR: dir,
    NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
    MICROSOFT_OAUTH_CLIENT_ID: microsoft.clientId,
    MICROSOFT_OAUTH_CLIENT_SECRET: microsoft.clientSecret,
    OAUTH_MICROSOFT_ISSUER: stack.oauth!.issuer,
    OAUTH_MICROSOFT_IMAP_URL: `imaps://localhost:${stack.ports.imaps}`,
    OAUTH_MICROSOFT_SMTP_URL: `smtp://localhost:${stack.ports.smtp}`,
  });
  Object.assign(dee, { baseUrl: app.url });
  await dee.data(`mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { id } } }`, {
    i: { tenantName: 'Contoso', name: 'Dee', email: 'dee@crm.test', password: 'dee-password' },
  });
});
after(async () => {
  await app?.stop();
  await testDb?.drop();
  await stack?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function get(pathOrUrl: string, extraCookie?: string) {
  const cookie = [dee.cookie, extraCookie].filter(Boolean).join('; ');
  const res = await fetch(new URL(pathOrUrl, app.url), { redirect: 'manual', headers: { cookie } });
  await res.body?.cancel();
  const state = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('crm_oauth='))
    ?.split(';')[0];
  return { location: res.headers.get('location') ?? '', state };
}

test('Google unconfigured here: back with OAUTH_NOT_CONFIGURED', async () => {
  assert.equal((await get('/api/oauth/start?provider=google')).location, '/inbox?oauthError=OAUTH_NOT_CONFIGURED');
});

test('sign in with Microsoft: the Outlook scopes asked, IMAP and SMTP (STARTTLS) verified, saved as OAUTH2', async () => {
  const started = await get(`/api/oauth/start?provider=microsoft&email=${encodeURIComponent(DEE.email)}`);
  const authorization = new URL(started.location);
  assert.match(authorization.searchParams.get('scope') ?? '', /\boffline_access\b.*IMAP\.AccessAsUser\.All.*SMTP\.Send/);
  assert.equal(authorization.searchParams.get('prompt'), 'select_account');
  assert.equal(authorization.searchParams.get('login_hint'), DEE.email);
  const callback = new URL(await driveConsent(started.location, DEE));
  assert.equal((await get(callback.pathname + callback.search, started.state)).location, '/inbox');
  const { mailAccounts } = await dee.data<{
    mailAccounts: Array<{
      email: string;
      status: string;
      smtp: { port: number; ssl: boolean; authKind: string; oauthProvider: string };
    }>;
  }>(`{ mailAccounts { email status smtp { port ssl authKind oauthProvider } } }`);
  assert.deepEqual(mailAccounts, [
    {
      email: DEE.email,
      status: 'CONNECTED',
      smtp: { port: stack.ports.smtp, ssl: false, authKind: 'OAUTH2', oauthProvider: 'microsoft' },
    },
  ]);
});
