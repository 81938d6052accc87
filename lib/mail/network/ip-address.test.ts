import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cidrContains, parseCidr, parseIpAddress } from './ip-address.ts';

test('IPv4 and the IPv6 spellings of one address parse to the same number', () => {
  assert.deepEqual(parseIpAddress('1.2.3.4'), { family: 4, value: 0x01020304n });
  const mapped = 0xffff_0102_0304n;
  assert.deepEqual(parseIpAddress('::ffff:1.2.3.4'), { family: 6, value: mapped });
  assert.deepEqual(parseIpAddress('::ffff:102:304'), { family: 6, value: mapped });
  assert.deepEqual(parseIpAddress('0:0:0:0:0:ffff:0102:0304'), { family: 6, value: mapped });
  assert.deepEqual(parseIpAddress('::1'), { family: 6, value: 1n });
  assert.deepEqual(parseIpAddress('fe80::'), { family: 6, value: 0xfe80n << 112n });
  assert.deepEqual(parseIpAddress('1::2'), { family: 6, value: (1n << 112n) | 2n });
});

test('names, bad addresses and empty strings are not addresses', () => {
  for (const text of ['mail.example.com', '1.2.3', '256.1.1.1', '1:2:3', '', 'localhost'])
    assert.equal(parseIpAddress(text), null, text);
});

test('CIDR parsing and membership', () => {
  const net10 = parseCidr('10.0.0.0/8')!;
  assert.equal(cidrContains(net10, parseIpAddress('10.255.1.1')!), true);
  assert.equal(cidrContains(net10, parseIpAddress('11.0.0.0')!), false);
  assert.equal(cidrContains(parseCidr('0.0.0.0/0')!, parseIpAddress('8.8.8.8')!), true);
  assert.equal(cidrContains(parseCidr('fc00::/7')!, parseIpAddress('fdff::1')!), true);
  assert.equal(cidrContains(parseCidr('fc00::/7')!, parseIpAddress('fe00::1')!), false);
  assert.equal(cidrContains(net10, parseIpAddress('::ffff:10.0.0.1')!), false, 'never across families');
  assert.deepEqual(parseCidr('192.0.2.7'), { family: 4, value: 0xc0000207n, prefix: 32 });
  for (const text of ['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/8/8', 'example.com/8', '10.0.0.0/-1'])
    assert.equal(parseCidr(text), null, text);
});
