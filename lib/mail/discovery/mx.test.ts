import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startDnsFixtureServer } from './fixtures/dns-fixture-server.ts';
import { createFixtureNetwork } from './fixtures/fixture-network.ts';
import { startHttpFixtureServer } from './fixtures/http-fixture-server.ts';
import { lookupMx, orderMxHosts } from './mx.ts';

const xml = readFileSync(new URL('./fixtures/autoconfig/placeholders.xml', import.meta.url), 'utf8');

test('orderMxHosts: by preference; a null MX (RFC 7505) is no host', () => {
  assert.deepEqual(
    orderMxHosts([
      { priority: 20, exchange: 'b.test' },
      { priority: 10, exchange: 'A.test.' },
    ]),
    ['a.test', 'b.test'],
  );
  assert.deepEqual(orderMxHosts([{ priority: 0, exchange: '' }]), []);
  assert.deepEqual(orderMxHosts([{ priority: 0, exchange: '.' }]), []);
});

test('lookupMx: a known hoster, the MX domain autoconfig, or nothing', async () => {
  const dns = await startDnsFixtureServer({
    'workspace.test': {
      MX: [
        { priority: 5, exchange: 'alt1.aspmx.l.google.com' },
        { priority: 1, exchange: 'aspmx.l.google.com' },
      ],
    },
    'hosted.test': { MX: [{ priority: 10, exchange: 'mx1.eu.mailhost.test' }] },
    'self.test': { MX: [{ priority: 10, exchange: 'mx.self.test' }] },
    'nullmx.test': { MX: [{ priority: 0, exchange: '.' }] },
    'autoconfig.mailhost.test': { A: ['127.0.0.1'] },
  });
  const http = await startHttpFixtureServer({ 'autoconfig.mailhost.test/mail/config-v1.1.xml': { body: xml } });
  try {
    const { deps, fetched } = createFixtureNetwork({ dns, httpPort: http.port });
    const signal = new AbortController().signal;
    const google = await lookupMx('workspace.test', 'bob@workspace.test', deps, signal);
    assert.equal(google?.source, 'mx');
    assert.equal(google?.provider?.id, 'google');
    assert.equal(google?.imap.host, 'imap.gmail.com');

    const hosted = await lookupMx('hosted.test', 'bob@hosted.test', deps, signal);
    assert.deepEqual(hosted, {
      imap: { host: 'mail.hosted.test', port: 143, ssl: false, starttls: true, username: 'bob' },
      smtp: { host: 'mail.hosted.test', port: 25, ssl: false, starttls: false, username: 'bob' },
      source: 'mx',
    });

    assert.equal(await lookupMx('self.test', 'bob@self.test', deps, signal), null, 'own domain: the autoconfig step covered it');
    assert.equal(await lookupMx('nullmx.test', 'bob@nullmx.test', deps, signal), null);
    assert.equal(await lookupMx('nothing.test', 'bob@nothing.test', deps, signal), null);
    assert.ok(
      fetched.every((url) => url.includes('mailhost.test')),
      `only the MX domain's autoconfig: ${fetched.join(', ')}`,
    );
  } finally {
    await http.close();
    await dns.close();
  }
});
