/**
 * Issue 8 item 1 (SSRF in discovery), through the production wiring (`discoveryDepsForNetwork`) in
 * online mode: a real DNS server for MX/SRV, the real outbound guard judging the addresses DNS
 * claims, and loopback web servers standing in for public hosts (lib/mail/network/fixtures).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { discoveryDepsForNetwork } from '../../mail-accounts/discovery-deps-for-config.ts';
import { AppError } from '../../errors.ts';
import { createFixtureInternet, PUBLIC_ADDRESS, type FixtureInternet } from '../network/fixtures/fixture-internet.ts';
import {
  INTERNAL_SECRET,
  LOOPBACK_SPELLINGS,
  startInternalServer,
  type InternalServer,
} from '../network/fixtures/internal-server.ts';
import { discoverMailSettings, type DiscoveryOptions } from './discover-mail-settings.ts';
import { startDnsFixtureServer, type DnsFixtureServer } from './fixtures/dns-fixture-server.ts';
import { startHttpFixtureServer, type HttpFixtureServer } from './fixtures/http-fixture-server.ts';
import { guardAgainstInternet, type NoInternetGuard } from './fixtures/no-internet-guard.ts';

const CONFIG = '/mail/config-v1.1.xml';
const OPTIONS: DiscoveryOptions = { timeoutMs: 3000, probeTimeoutMs: 300 };

let noInternet: NoInternetGuard;
let internal: InternalServer;
let web: HttpFixtureServer;
let dns: DnsFixtureServer;

/** A well-formed autoconfig document naming these two servers, with a text only the test knows. */
const autoconfigNaming = (imap: string, smtp: string) => `<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="x">
  <incomingServer type="imap"><hostname>${imap}</hostname><port>993</port><socketType>SSL</socketType><username>marker-imap</username></incomingServer>
  <outgoingServer type="smtp"><hostname>${smtp}</hostname><port>465</port><socketType>SSL</socketType><username>marker-smtp</username></outgoingServer>
</emailProvider></clientConfig>`;

/** `evil<i>.test` publishes an autoconfig host whose plain-HTTP answer redirects to spelling i of the loopback host. */
const evil = (index: number) => `evil${index}.test`;

before(async () => {
  noInternet = guardAgainstInternet();
  internal = await startInternalServer();
  web = await startHttpFixtureServer({
    ...Object.fromEntries(
      LOOPBACK_SPELLINGS.map((spelling, index) => [
        `autoconfig.${evil(index)}${CONFIG}`,
        { status: 302, headers: { location: `http://${spelling}:${internal.port}/latest/meta-data/` } },
      ]),
    ),
    [`autoconfig.points-inside.test${CONFIG}`]: { body: autoconfigNaming('imap.inside.test', 'smtp.public-mail.test') },
    [`autoconfig.names-loopback.test${CONFIG}`]: { body: autoconfigNaming('127.0.0.1', '2130706433') },
  });
  // No MX anywhere; points-inside.test has SRV records too, to show a dropped answer lets the next source win.
  const srv = (target: string, port: number) => ({ SRV: [{ priority: 0, weight: 1, port, target }] });
  dns = await startDnsFixtureServer({
    '_imaps._tcp.points-inside.test': srv('imap.srv-public.test', 993),
    '_submissions._tcp.points-inside.test': srv('smtp.srv-public.test', 465),
  });
});

after(async () => {
  noInternet?.dispose();
  await Promise.all([internal?.close(), web?.close(), dns?.close()]);
});

function onlineNetwork(allowlist: string[] = []): FixtureInternet & { deps: ReturnType<typeof discoveryDepsForNetwork> } {
  const internet = createFixtureInternet({
    policy: { mode: 'online', allowlist },
    hosts: {
      ...Object.fromEntries(LOOPBACK_SPELLINGS.map((_, index) => [`autoconfig.${evil(index)}`, [PUBLIC_ADDRESS]])),
      'autoconfig.points-inside.test': [PUBLIC_ADDRESS],
      'autoconfig.names-loopback.test': [PUBLIC_ADDRESS],
      'imap.inside.test': ['10.0.0.5'],
      'smtp.public-mail.test': [PUBLIC_ADDRESS],
      'imap.srv-public.test': [PUBLIC_ADDRESS],
      'smtp.srv-public.test': [PUBLIC_ADDRESS],
    },
    // Plain HTTP reaches the fixture; HTTPS to the same address is refused like a closed port.
    servers: { [`${PUBLIC_ADDRESS}:80`]: web.port },
  });
  return { ...internet, deps: discoveryDepsForNetwork({ ...internet.network, dns: dns.resolver() }) };
}

test('an autoconfig redirect to the loopback host, in every spelling, reaches nothing inside and reflects nothing', async () => {
  const { deps, dialled } = onlineNetwork();
  for (const [index, spelling] of LOOPBACK_SPELLINGS.entries()) {
    const settings = await discoverMailSettings(`x@${evil(index)}`, deps, OPTIONS);
    assert.equal(settings, null, spelling);
    assert.ok(!JSON.stringify(settings ?? {}).includes(INTERNAL_SECRET), spelling);
  }
  assert.ok(web.requests.includes(`autoconfig.${evil(0)}${CONFIG}`), 'the public autoconfig host was asked');
  assert.deepEqual(internal.hits, [], 'the internal server was never contacted');
  assert.ok(
    dialled.every((target) => target.startsWith(`${PUBLIC_ADDRESS}:`)),
    dialled.join(' '),
  );
  assert.deepEqual(noInternet.violations, []);
});

test('control: with the internal port allowlisted the very same chain does reach it (so the test above can fail)', async () => {
  const { deps } = onlineNetwork([`127.0.0.1:${internal.port}`]);
  const settings = await discoverMailSettings(`x@${evil(0)}`, deps, OPTIONS);
  assert.equal(settings?.imap.username, INTERNAL_SECRET);
  assert.equal(internal.hits.length, 1);
  internal.hits.length = 0;
});

test('an e-mail domain that is an IP address, in any spelling, is refused before any lookup or connection', async () => {
  const { deps, dialled } = onlineNetwork();
  const questions = dns.queries.length;
  for (const email of [
    'x@127.0.0.1',
    'x@2130706433',
    'x@0x7f.1',
    'x@0177.0.0.1',
    'x@127.1',
    'x@[127.0.0.1]',
    'x@[IPv6:::1]',
    'x@169.254.169.254.',
  ]) {
    await assert.rejects(discoverMailSettings(email, deps, OPTIONS), (error) => {
      assert.ok(error instanceof AppError, email);
      assert.equal(error.code, 'MAIL_DOMAIN_IS_ADDRESS', email);
      assert.equal(error.field, 'email');
      return true;
    });
  }
  assert.deepEqual(dialled, []);
  assert.equal(dns.queries.length, questions, 'not even a DNS question');
  assert.deepEqual(internal.hits, []);
});

test('an answer naming a server the guard refuses is dropped whole: the next source wins, none of its text comes back', async () => {
  const { deps, dialled } = onlineNetwork();
  const inside = await discoverMailSettings('x@points-inside.test', deps, OPTIONS);
  assert.equal(inside?.source, 'srv', 'the autoconfig answer was read, found pointing inside, and dropped');
  assert.equal(inside?.imap.host, 'imap.srv-public.test');
  assert.ok(web.requests.includes(`autoconfig.points-inside.test${CONFIG}`));
  const loopback = await discoverMailSettings('x@names-loopback.test', deps, OPTIONS);
  assert.equal(loopback, null);
  assert.ok(!JSON.stringify([inside, loopback]).includes('marker-'), 'no text of the dropped answers');
  assert.ok(
    dialled.every((target) => target.startsWith(`${PUBLIC_ADDRESS}:`)),
    dialled.join(' '),
  );
});
