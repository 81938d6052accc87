import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkConnectTarget, type ConnectPolicy } from './check-connect-target.ts';

const online: ConnectPolicy = { mode: 'online' };
const blocked = (address: string, policy: ConnectPolicy = online, hostname?: string, port = 993) => {
  const decision = checkConnectTarget({ address, port, ...(hostname ? { hostname } : {}) }, policy);
  return decision.allowed ? null : decision.reason;
};
const check = (address: string, policy: ConnectPolicy, port = 993) => checkConnectTarget({ address, port }, policy);

test('online: loopback, private, link-local, shared and unspecified IPv4 are refused', () => {
  assert.equal(blocked('127.0.0.1'), 'loopback');
  assert.equal(blocked('127.255.0.9'), 'loopback');
  assert.equal(blocked('10.1.2.3'), 'private');
  assert.equal(blocked('172.16.0.1'), 'private');
  assert.equal(blocked('172.31.255.255'), 'private');
  assert.equal(blocked('192.168.1.10'), 'private');
  assert.equal(blocked('169.254.169.254'), 'link-local', 'cloud metadata service');
  assert.equal(blocked('100.64.0.1'), 'shared');
  assert.equal(blocked('100.127.255.254'), 'shared');
  assert.equal(blocked('0.0.0.0'), 'unspecified');
  assert.equal(blocked('224.0.0.1'), 'multicast');
  assert.equal(blocked('255.255.255.255'), 'reserved');
  assert.equal(blocked('192.0.2.1'), 'reserved');
});

test('online: the neighbours of those ranges are public', () => {
  for (const address of [
    '8.8.8.8',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.253.1.1',
    '11.0.0.1',
    '223.255.255.255',
  ])
    assert.deepEqual(check(address, online), { allowed: true, reason: 'public' }, address);
});

test('online: IPv6 loopback, ULA, link-local, multicast are refused; global unicast is not', () => {
  assert.equal(blocked('::1'), 'loopback');
  assert.equal(blocked('::'), 'unspecified');
  assert.equal(blocked('fd12:3456::1'), 'private');
  assert.equal(blocked('fc00::1'), 'private');
  assert.equal(blocked('fe80::1'), 'link-local');
  assert.equal(blocked('fe80::1%eth0'), 'link-local', 'with a zone id');
  assert.equal(blocked('[fe80::1]'), 'link-local', 'in brackets');
  assert.equal(blocked('ff02::1'), 'multicast');
  assert.equal(blocked('2001:db8::1'), 'reserved');
  assert.equal(blocked('2a00:1450:4001:80b::200e'), null);
});

test('online: IPv4 inside IPv6 (mapped, NAT64) is judged as the IPv4 address', () => {
  assert.equal(blocked('::ffff:127.0.0.1'), 'loopback');
  assert.equal(blocked('::ffff:7f00:1'), 'loopback', 'hex spelling');
  assert.equal(blocked('::ffff:169.254.169.254'), 'link-local');
  assert.equal(blocked('::ffff:10.0.0.1'), 'private');
  assert.equal(blocked('64:ff9b::a9fe:a9fe'), 'link-local', 'NAT64 of 169.254.169.254');
  assert.equal(blocked('::ffff:8.8.8.8'), null);
  assert.equal(blocked('64:ff9b::808:808'), null);
});

test('the allowlist lets an operator reach listed networks, addresses and names', () => {
  const policy: ConnectPolicy = { mode: 'online', allowlist: ['127.0.0.1/32', '10.20.0.0/16', 'fd00::/8', 'mail.corp.example'] };
  assert.deepEqual(check('127.0.0.1', policy), { allowed: true, reason: 'allowlisted' });
  assert.deepEqual(check('::ffff:127.0.0.1', policy), { allowed: true, reason: 'allowlisted' });
  assert.equal(blocked('127.0.0.2', policy), 'loopback');
  assert.equal(blocked('10.20.5.5', policy), null);
  assert.equal(blocked('10.21.0.1', policy), 'private');
  assert.equal(blocked('fd00:1::5', policy), null);
  assert.equal(blocked('192.168.0.5', policy, 'MAIL.corp.example.'), null, 'host names match case-insensitively');
  assert.equal(blocked('192.168.0.5', policy, 'other.corp.example'), 'private');
  assert.equal(blocked('192.168.0.5', { mode: 'online', allowlist: ['192.168.0.5'] }), null, 'a bare address');
});

test('a malformed allowlist entry allows nothing', () => {
  assert.equal(blocked('10.0.0.1', { mode: 'online', allowlist: ['10.0.0.0/33', '10.0.0.0/8/1', ''] }, '10.0.0.1'), 'private');
});

test('onsite allows everything, and a non-address is refused online', () => {
  assert.deepEqual(check('127.0.0.1', { mode: 'onsite' }), { allowed: true, reason: 'onsite' });
  assert.deepEqual(check('169.254.169.254', { mode: 'onsite' }), { allowed: true, reason: 'onsite' });
  assert.equal(blocked('mail.example.com'), 'not-an-address');
});

test('an entry without a port opens only the standard mail ports; an entry with one opens that port only', () => {
  const bare: ConnectPolicy = { mode: 'online', allowlist: ['10.20.0.0/16', 'mail.corp.example'] };
  for (const port of [25, 143, 465, 587, 993]) assert.equal(blocked('10.20.0.5', bare, undefined, port), null, `port ${port}`);
  for (const port of [22, 80, 110, 443, 995, 5432, 6379, 8080])
    assert.equal(blocked('10.20.0.5', bare, undefined, port), 'private', `port ${port}`);
  assert.equal(blocked('192.168.0.5', bare, 'mail.corp.example', 443), 'private', 'a bare name: no HTTP either');

  const ported: ConnectPolicy = {
    mode: 'online',
    allowlist: ['10.20.0.0/16:1143', '[fd00::/8]:993', '[::1]:4190', 'autoconfig.corp.example:443', '127.0.0.1:8025'],
  };
  assert.equal(blocked('10.20.0.5', ported, undefined, 1143), null);
  assert.equal(blocked('10.20.0.5', ported, undefined, 993), 'private', 'a named port replaces the standard ones');
  assert.equal(blocked('fd00::5', ported, undefined, 993), null);
  assert.equal(blocked('fd00::5', ported, undefined, 143), 'private');
  assert.equal(blocked('::1', ported, undefined, 4190), null);
  assert.equal(blocked('192.168.0.5', ported, 'autoconfig.corp.example', 443), null);
  assert.equal(blocked('192.168.0.5', ported, 'autoconfig.corp.example', 80), 'private');
  assert.equal(blocked('::ffff:127.0.0.1', ported, undefined, 8025), null, 'the mapped spelling is the same host');
  assert.equal(blocked('127.0.0.1', ported, undefined, 8026), 'loopback');
});

test('public addresses are allowed on any port', () => {
  for (const port of [25, 80, 443, 2525, 65535])
    assert.deepEqual(check('8.8.8.8', online, port), { allowed: true, reason: 'public' });
});
