/**
 * Issue 8 item 1 through the GraphQL API, in online mode: the real Apollo handler, resolvers and
 * services (PostgreSQL), with the outbound guard built from the config as in production. Only the
 * public internet is a fixture: DNS claims public addresses for the attacker's names, the guard
 * judges those, and its dial puts a loopback web server behind them (lib/mail/network/fixtures).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { GraphQLHttpClient } from '../../e2e/support/graphql-client.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { schema } from '../../graphql/schema.ts';
import { loadConfig } from '../config.ts';
import { startDnsFixtureServer, type DnsFixtureServer } from '../mail/discovery/fixtures/dns-fixture-server.ts';
import { startHttpFixtureServer, type HttpFixtureServer } from '../mail/discovery/fixtures/http-fixture-server.ts';
import { createFixtureInternet, PUBLIC_ADDRESS } from '../mail/network/fixtures/fixture-internet.ts';
import { INTERNAL_SECRET, startInternalServer, type InternalServer } from '../mail/network/fixtures/internal-server.ts';
import { createGraphQLHttpHandler } from './graphql-http-handler.ts';
import { createServices } from './create-services.ts';
import { discoveryDepsForNetwork } from '../mail-accounts/discovery-deps-for-config.ts';

const SETUP = `mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { id } } }`;
const DISCOVER = `query($e: String!) { discoverMailSettings(email: $e) { source imap { host username } smtp { host username } } }`;
const CONNECT = `mutation($i: ConnectMailAccountInput!) { connectMailAccount(input: $i) { id } }`;

let testDb: TestDatabase;
let dir: string;
let internal: InternalServer;
let web: HttpFixtureServer;
let dns: DnsFixtureServer;
let http: Server;
let close: () => Promise<void>;
const ann = new GraphQLHttpClient('');

before(async () => {
  internal = await startInternalServer();
  // evil.test's autoconfig host is "public"; its plain-HTTP answer sends the server to the inside.
  web = await startHttpFixtureServer({
    'autoconfig.evil.test/mail/config-v1.1.xml': {
      status: 302,
      headers: { location: `http://2130706433:${internal.port}/latest/meta-data/` },
    },
  });
  dns = await startDnsFixtureServer({});
  testDb = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-ssrf-'));
  const config = loadConfig({ DEPLOYMENT_MODE: 'online', DATABASE_URL: testDb.url, DATA_DIR: dir });
  const services = await createServices(config);
  const internet = createFixtureInternet({
    policy: services.mailNetwork.guard, // the deployment's own policy: online, no allowlist
    hosts: { 'autoconfig.evil.test': [PUBLIC_ADDRESS] },
    servers: { [`${PUBLIC_ADDRESS}:80`]: web.port },
  });
  services.mailNetwork = { ...services.mailNetwork, ...internet.network, dns: dns.resolver() };
  services.mailDiscovery = discoveryDepsForNetwork(services.mailNetwork);
  const graphql = await createGraphQLHttpHandler(schema, services);
  http = createServer((req, res) => void graphql.handle(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  Object.assign(ann, { baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
  close = async () => {
    await new Promise((resolve) => http.close(resolve));
    await graphql.stop();
    await services.close();
  };
  await ann.data(SETUP, { i: { tenantName: 'Acme', name: 'Ann', email: 'ann@acme.test', password: 'ann-password' } });
});

after(async () => {
  await close?.();
  await Promise.all([internal?.close(), web?.close(), dns?.close()]);
  await testDb?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('discoverMailSettings: a redirect to the inside is not followed and nothing of it comes back', async () => {
  const result = await ann.request(DISCOVER, { e: 'x@evil.test' });
  assert.ok(web.requests.includes('autoconfig.evil.test/mail/config-v1.1.xml'), 'the public host was asked');
  assert.deepEqual(result, { data: { discoverMailSettings: null } });
  assert.deepEqual(internal.hits, []);
});

test('connectMailAccount: no settings found, and its error carries no text from the inside', async () => {
  const result = await ann.request(CONNECT, { i: { email: 'x@evil.test', password: 'pw' } });
  assert.equal(result.errors?.[0]?.extensions?.code, 'MAIL_SETTINGS_NOT_FOUND');
  assert.ok(!JSON.stringify(result).includes(INTERNAL_SECRET), JSON.stringify(result));
  assert.deepEqual(internal.hits, []);
});

test('an e-mail domain that is an IP address is refused with its own code', async () => {
  for (const email of ['x@127.0.0.1', 'x@2130706433', 'x@0x7f.1']) {
    const discovered = await ann.request(DISCOVER, { e: email });
    assert.equal(discovered.errors?.[0]?.extensions?.code, 'MAIL_DOMAIN_IS_ADDRESS', email);
    assert.equal(discovered.errors?.[0]?.extensions?.field, 'email');
    const connected = await ann.request(CONNECT, { i: { email, password: 'pw' } });
    assert.equal(connected.errors?.[0]?.extensions?.code, 'MAIL_DOMAIN_IS_ADDRESS', email);
  }
  assert.deepEqual(internal.hits, []);
});
