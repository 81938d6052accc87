/**
 * The whole discovery chain against real servers on loopback: a UDP DNS server (A, MX, SRV), an
 * HTTP server playing every autoconfig host, and TCP servers speaking IMAP/SMTP greetings. Only
 * the public internet is missing, and a guard fails the run if anything tries to reach it.
 */
import assert from 'node:assert/strict';
import { Resolver } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { discoverMailSettings, type DiscoveryOptions } from './discover-mail-settings.ts';
import { startDnsFixtureServer, type DnsFixtureServer } from './fixtures/dns-fixture-server.ts';
import { createFixtureNetwork, type FixtureNetwork } from './fixtures/fixture-network.ts';
import { startHttpFixtureServer, type HttpFixtureServer } from './fixtures/http-fixture-server.ts';
import { startMailGreetingServer, type MailGreetingServer } from './fixtures/mail-greeting-server.ts';
import { guardAgainstInternet, type NoInternetGuard } from './fixtures/no-internet-guard.ts';

const TIMEOUT_MS = 600;
const OPTIONS: DiscoveryOptions = { timeoutMs: TIMEOUT_MS, probeTimeoutMs: 300 };
const hoster = readFileSync(new URL('./fixtures/autoconfig/placeholders.xml', import.meta.url), 'utf8');
const loopback = { A: ['127.0.0.1'] };
const srv = (port: number, target: string) => ({ SRV: [{ priority: 0, weight: 1, port, target }] });
const CONFIG = '/mail/config-v1.1.xml';

let guard: NoInternetGuard;
let dns: DnsFixtureServer;
let http: HttpFixtureServer;
let mail: MailGreetingServer[] = [];
let network: FixtureNetwork;

before(async () => {
  guard = guardAgainstInternet();
  dns = await startDnsFixtureServer({
    // autoconfig wins
    'autoconfig.auto.test': loopback,
    // SRV wins
    '_imaps._tcp.srv.test': srv(993, 'imap.srv.test'),
    '_submissions._tcp.srv.test': srv(465, 'smtp.srv.test'),
    // MX → provider table (a custom domain at Google Workspace)
    'workspace.test': { MX: [{ priority: 1, exchange: 'aspmx.l.google.com' }] },
    // MX → the hoster's autoconfig
    'hosted.test': { MX: [{ priority: 10, exchange: 'mx1.mailhost.test' }] },
    'autoconfig.mailhost.test': loopback,
    // guess
    'imap.guess.test': loopback,
    'smtp.guess.test': loopback,
    // priority: SRV and MX answer at once, autoconfig 300 ms later, and still wins
    'autoconfig.both.test': loopback,
    '_imaps._tcp.both.test': srv(993, 'imap.srv.test'),
    '_submissions._tcp.both.test': srv(465, 'smtp.srv.test'),
    'both.test': { MX: [{ priority: 1, exchange: 'aspmx.l.google.com' }] },
    // slow: the autoconfig web server never answers and MX questions are never answered
    'autoconfig.slow.test': loopback,
    'slow.test': { hang: true },
    '_imaps._tcp.slow.test': srv(993, 'imap.slow.test'),
    '_submission._tcp.slow.test': srv(587, 'smtp.slow.test'),
    // black hole: no answer about anything
    'blackhole.test': { hang: true },
    'autoconfig.blackhole.test': { hang: true },
    '_imaps._tcp.blackhole.test': { hang: true },
    '_submissions._tcp.blackhole.test': { hang: true },
    'imap.blackhole.test': { hang: true },
  });
  http = await startHttpFixtureServer({
    [`https://autoconfig.auto.test${CONFIG}`]: { body: hoster },
    [`https://autoconfig.mailhost.test${CONFIG}`]: { body: hoster },
    [`https://autoconfig.both.test${CONFIG}`]: { body: hoster, delayMs: 300 },
    [`autoconfig.slow.test${CONFIG}`]: { hang: true },
  });
  for (const spec of [{ protocol: 'imap', capabilityInGreeting: true }, { protocol: 'smtp' }] as const)
    mail.push(await startMailGreetingServer(spec));
  network = createFixtureNetwork({
    dns,
    httpPort: http.port,
    mailPorts: { 'imap.guess.test:993': mail[0]!.port, 'smtp.guess.test:587': mail[1]!.port },
  });
});

after(async () => {
  guard?.dispose();
  await Promise.all([dns?.close(), http?.close(), ...mail.map((server) => server.close())]);
  mail = [];
});

async function discover(email: string) {
  const started = Date.now();
  const settings = await discoverMailSettings(email, network.deps, OPTIONS);
  return { settings, elapsed: Date.now() - started };
}

test('every resolver is a loopback fixture', () => {
  assert.ok(network.deps.dns instanceof Resolver);
  assert.deepEqual(network.deps.dns.getServers(), [`127.0.0.1:${dns.port}`]);
});

test('provider table: gmail.com answers without a single DNS question', async () => {
  const before = dns.queries.length;
  const { settings } = await discover('alice@gmail.com');
  assert.equal(settings?.source, 'provider');
  assert.equal(settings?.imap.host, 'imap.gmail.com');
  assert.equal(dns.queries.length, before);
});

test('autoconfig: the domain serves config-v1.1.xml', async () => {
  const { settings } = await discover('bob@auto.test');
  assert.deepEqual(settings, {
    imap: { host: 'mail.auto.test', port: 143, ssl: false, starttls: true, username: 'bob' },
    smtp: { host: 'mail.auto.test', port: 25, ssl: false, starttls: false, username: 'bob' },
    source: 'autoconfig',
  });
  assert.ok(http.requests.includes(`autoconfig.auto.test${CONFIG}`));
});

test('SRV: RFC 6186 records', async () => {
  const { settings } = await discover('carol@srv.test');
  assert.deepEqual(settings, {
    imap: { host: 'imap.srv.test', port: 993, ssl: true, starttls: false, username: 'carol@srv.test' },
    smtp: { host: 'smtp.srv.test', port: 465, ssl: true, starttls: false, username: 'carol@srv.test' },
    source: 'srv',
  });
});

test('MX → provider: a custom domain hosted at Google', async () => {
  const { settings } = await discover('dave@workspace.test');
  assert.equal(settings?.source, 'mx');
  assert.equal(settings?.provider?.id, 'google');
  assert.equal(settings?.smtp.host, 'smtp.gmail.com');
  assert.equal(settings?.imap.username, 'dave@workspace.test');
});

test("MX → autoconfig: the hoster's registrable domain serves the file", async () => {
  const { settings } = await discover('erin@hosted.test');
  assert.equal(settings?.source, 'mx');
  assert.equal(settings?.imap.host, 'mail.hosted.test', '%EMAILDOMAIN% is the address domain, not the hoster');
  assert.ok(http.requests.includes(`autoconfig.mailhost.test${CONFIG}`));
});

test('guess: probing finds the IMAP and SMTP greetings', async () => {
  const { settings } = await discover('frank@guess.test');
  assert.deepEqual(settings, {
    imap: { host: 'imap.guess.test', port: 993, ssl: true, starttls: false, username: 'frank@guess.test' },
    smtp: { host: 'smtp.guess.test', port: 587, ssl: false, starttls: true, username: 'frank@guess.test' },
    source: 'guess',
  });
  assert.ok(
    network.connected.every((target) => /^(imap|smtp)\.guess\.test:/.test(target)),
    network.connected.join(' '),
  );
});

test('priority: a slower autoconfig beats SRV and MX that answered first', async () => {
  const { settings, elapsed } = await discover('gina@both.test');
  assert.equal(settings?.source, 'autoconfig');
  assert.ok(elapsed >= 250, `waited for autoconfig (${elapsed} ms)`);
});

test('a stalled web server and a silent name server time out without stalling SRV', async () => {
  const { settings, elapsed } = await discover('hank@slow.test');
  assert.equal(settings?.source, 'srv');
  assert.equal(settings?.smtp.starttls, true);
  assert.ok(elapsed >= TIMEOUT_MS - 50 && elapsed < TIMEOUT_MS + 700, `SRV used once autoconfig timed out (${elapsed} ms)`);
});

test('nothing anywhere: null, quickly', async () => {
  const { settings, elapsed } = await discover('ivy@nothing.test');
  assert.equal(settings, null);
  assert.ok(elapsed < TIMEOUT_MS, `${elapsed} ms`);
});

test('nothing answering at all: null within the time bound', async () => {
  const { settings, elapsed } = await discover('jack@blackhole.test');
  assert.equal(settings, null);
  // lookups (one timeout), then the guess (at most one more)
  assert.ok(elapsed < 2 * TIMEOUT_MS + 500, `${elapsed} ms`);
});

test('nothing reached beyond loopback, and every name went to the fixture DNS server', () => {
  assert.deepEqual(guard.violations, []);
  for (const name of ['MX workspace.test', 'SRV _imaps._tcp.srv.test', 'A imap.guess.test', 'A autoconfig.mailhost.test'])
    assert.ok(dns.queries.includes(name), name);
});
