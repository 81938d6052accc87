import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startDnsFixtureServer } from './fixtures/dns-fixture-server.ts';
import { chooseSrvEndpoint, chooseSrvTarget, lookupSrv } from './srv.ts';

const srv = (priority: number, weight: number, port: number, name: string) => ({ priority, weight, port, name });

test('chooseSrvTarget: lowest priority, then heaviest weight; "." and port 0 are not offered', () => {
  assert.deepEqual(chooseSrvTarget([srv(20, 0, 993, 'b.test'), srv(10, 5, 993, 'a.test'), srv(10, 50, 1993, 'c.test.')]), {
    host: 'c.test',
    port: 1993,
  });
  assert.equal(chooseSrvTarget([srv(0, 0, 0, '.')]), null);
  assert.equal(chooseSrvTarget([srv(0, 0, 0, '')]), null, 'c-ares reports the root target as an empty name');
  assert.equal(chooseSrvTarget([]), null);
  assert.equal(chooseSrvTarget(null), null);
});

test('chooseSrvEndpoint: implicit TLS whenever offered, else STARTTLS', () => {
  const tls = [srv(10, 0, 993, 'imaps.test')];
  const plain = [srv(0, 0, 143, 'imap.test')];
  assert.deepEqual(chooseSrvEndpoint(tls, plain), { host: 'imaps.test', port: 993, ssl: true, starttls: false });
  assert.deepEqual(chooseSrvEndpoint(null, plain), { host: 'imap.test', port: 143, ssl: false, starttls: true });
  assert.deepEqual(chooseSrvEndpoint([srv(0, 0, 0, '')], plain), { host: 'imap.test', port: 143, ssl: false, starttls: true });
  assert.equal(chooseSrvEndpoint(null, null), null);
});

test('lookupSrv asks the four RFC 6186 / RFC 8314 names over real DNS', async () => {
  const dns = await startDnsFixtureServer({
    '_imaps._tcp.srv.test': { SRV: [{ priority: 0, weight: 1, port: 993, target: 'mail.srv.test' }] },
    '_imap._tcp.srv.test': { SRV: [{ priority: 0, weight: 1, port: 143, target: 'mail.srv.test' }] },
    '_submissions._tcp.srv.test': { SRV: [{ priority: 0, weight: 0, port: 0, target: '.' }] },
    '_submission._tcp.srv.test': { SRV: [{ priority: 5, weight: 0, port: 587, target: 'smtp.srv.test' }] },
    '_imaps._tcp.half.test': { SRV: [{ priority: 0, weight: 1, port: 993, target: 'mail.half.test' }] },
  });
  try {
    const resolver = dns.resolver();
    assert.deepEqual(await lookupSrv('srv.test', 'a@srv.test', resolver), {
      imap: { host: 'mail.srv.test', port: 993, ssl: true, starttls: false, username: 'a@srv.test' },
      smtp: { host: 'smtp.srv.test', port: 587, ssl: false, starttls: true, username: 'a@srv.test' },
    });
    assert.equal(await lookupSrv('half.test', 'a@half.test', resolver), null, 'IMAP without submission is not enough');
    assert.equal(await lookupSrv('nothing.test', 'a@nothing.test', resolver), null);
    assert.deepEqual(dns.queries.filter((query) => query.endsWith('._tcp.srv.test')).sort(), [
      'SRV _imap._tcp.srv.test',
      'SRV _imaps._tcp.srv.test',
      'SRV _submission._tcp.srv.test',
      'SRV _submissions._tcp.srv.test',
    ]);
  } finally {
    await dns.close();
  }
});
