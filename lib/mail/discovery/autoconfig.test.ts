import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { autoconfigUrls, fetchAutoconfig } from './autoconfig.ts';
import { startDnsFixtureServer } from './fixtures/dns-fixture-server.ts';
import { createFixtureNetwork } from './fixtures/fixture-network.ts';
import { startHttpFixtureServer } from './fixtures/http-fixture-server.ts';

const xml = readFileSync(new URL('./fixtures/autoconfig/several-servers.xml', import.meta.url), 'utf8');
const other = xml.replaceAll('imap.example.test', 'imap.other.test');
const loopback = { A: ['127.0.0.1'] };

test('autoconfigUrls: Thunderbird order; the address goes only over HTTPS', () => {
  assert.deepEqual(autoconfigUrls('example.test', 'a+b@example.test'), [
    'https://autoconfig.example.test/mail/config-v1.1.xml?emailaddress=a%2Bb%40example.test',
    'https://example.test/.well-known/autoconfig/mail/config-v1.1.xml',
    'http://autoconfig.example.test/mail/config-v1.1.xml',
  ]);
});

test('fetchAutoconfig over real HTTP: best URL wins, failures fall through, nothing is null', async () => {
  const dns = await startDnsFixtureServer({
    'autoconfig.one.test': loopback,
    'two.test': loopback,
    'autoconfig.three.test': loopback,
    'three.test': loopback,
    'autoconfig.bad.test': loopback,
    'autoconfig.four.test': loopback,
  });
  const http = await startHttpFixtureServer({
    'autoconfig.one.test/mail/config-v1.1.xml': { body: xml },
    'two.test/.well-known/autoconfig/mail/config-v1.1.xml': { body: xml },
    // HTTPS answers late, plain HTTP at once: HTTPS still wins.
    'https://autoconfig.three.test/mail/config-v1.1.xml': { body: other, delayMs: 150 },
    'http://autoconfig.three.test/mail/config-v1.1.xml': { body: xml },
    'three.test/.well-known/autoconfig/mail/config-v1.1.xml': { status: 500, body: 'oops' },
    'autoconfig.bad.test/mail/config-v1.1.xml': { body: '<clientConfig><broken>' },
    'http://autoconfig.four.test/mail/config-v1.1.xml': { body: xml },
  });
  try {
    const { deps, fetched } = createFixtureNetwork({ dns, httpPort: http.port });
    const signal = new AbortController().signal;
    const one = await fetchAutoconfig('one.test', 'a@one.test', deps.fetchText, signal);
    assert.equal(one?.imap.host, 'imap.example.test');
    const two = await fetchAutoconfig('two.test', 'a@two.test', deps.fetchText, signal);
    assert.equal(two?.smtp.port, 465, 'the .well-known location works when autoconfig.<domain> does not exist');
    const three = await fetchAutoconfig('three.test', 'a@three.test', deps.fetchText, signal);
    assert.equal(three?.imap.host, 'imap.other.test', 'the slower HTTPS answer outranks the plain-HTTP one');
    const four = await fetchAutoconfig('four.test', 'a@four.test', deps.fetchText, signal);
    assert.equal(four?.imap.host, 'imap.example.test', 'plain HTTP is the fallback');
    assert.equal(await fetchAutoconfig('bad.test', 'a@bad.test', deps.fetchText, signal), null, 'malformed XML');
    assert.equal(await fetchAutoconfig('none.test', 'a@none.test', deps.fetchText, signal), null, 'no such hosts');
    assert.ok(fetched.includes('https://autoconfig.one.test/mail/config-v1.1.xml?emailaddress=a%40one.test'));
    assert.ok(http.requests.includes('autoconfig.one.test/mail/config-v1.1.xml'));
  } finally {
    await http.close();
    await dns.close();
  }
});
