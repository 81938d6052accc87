// Issue 8, item 22: with the default HOST=0.0.0.0, /setup (which creates the operator) must not
// be open to the whole network until setup is done. The real app process, reached over the
// machine's network address as another computer would, and through a proxy on this machine.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startAppProcess, type AppProcess } from '../../e2e/support/app-process.ts';
import { GraphQLHttpClient } from '../../e2e/support/graphql-client.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';

const SETUP = `mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { email isOperator } } }`;
const admin = { tenantName: 'Acme', name: 'Ann Admin', email: 'ann@acme.test', password: 'ann-password' };

/** This machine's first non-loopback IPv4 address: what another computer on the network connects to. */
const networkAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((info) => info && info.family === 'IPv4' && !info.internal)?.address;

let testDb: TestDatabase;
let app: AppProcess;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-setup-token-'));

before(async () => {
  testDb = await createTestDatabase();
  app = await startAppProcess({ DATABASE_URL: testDb.url, DATA_DIR: dataDir, HOST: '0.0.0.0' });
});
after(async () => {
  await app?.stop();
  await testDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function setupThroughProxy(input: Record<string, unknown>) {
  const response = await fetch(`${app.url}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
    body: JSON.stringify({ query: SETUP, variables: { i: input } }),
  });
  return (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
}

test('setup from the network needs the token printed at start; with it, setup works once', async (t) => {
  const printed = /\/setup\?token=([A-Za-z0-9_-]+)/.exec(app.output());
  assert.ok(printed, `the start prints the setup link:\n${app.output()}`);
  const token = printed[1]!;
  assert.equal(fs.readFileSync(path.join(dataDir, 'setup-token'), 'utf8').trim(), token);

  const proxied = await setupThroughProxy({ ...admin, email: 'eve@evil.test' });
  assert.equal(proxied.errors?.[0]?.extensions?.code, 'FORBIDDEN', 'a proxy on this machine forwards strangers');
  assert.equal((await setupThroughProxy({ ...admin, setupToken: 'guess' })).errors?.[0]?.extensions?.code, 'FORBIDDEN');

  if (!networkAddress) return t.skip('this machine has no non-loopback IPv4 address');
  const remote = new GraphQLHttpClient(`http://${networkAddress}:${app.port}`);
  const withoutToken = await remote.request(SETUP, { i: { ...admin, email: 'eve@evil.test' } });
  assert.equal(withoutToken.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  assert.match(withoutToken.errors?.[0]?.message ?? '', /setup\?token=/);
  const wrongToken = await remote.request(SETUP, { i: { ...admin, setupToken: token.slice(1) } });
  assert.equal(wrongToken.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  assert.deepEqual(await new GraphQLHttpClient(app.url).data(`{ setupRequired }`), { setupRequired: true }, 'nobody got in');

  const done = await remote.data<{ completeSetup: { user: unknown } }>(SETUP, { i: { ...admin, setupToken: token } });
  assert.deepEqual(done.completeSetup.user, { email: 'ann@acme.test', isOperator: true });
  assert.equal(fs.existsSync(path.join(dataDir, 'setup-token')), false, 'the token is gone once used');
  const again = await remote.request(SETUP, { i: { ...admin, email: 'eve@evil.test', setupToken: token } });
  assert.equal(again.errors?.[0]?.extensions?.code, 'SETUP_ALREADY_DONE');
});
