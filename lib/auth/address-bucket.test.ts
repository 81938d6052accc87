import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressBucket } from './address-bucket.ts';

test('IPv4 counts per address, IPv6 per /64, however it is written', () => {
  assert.equal(addressBucket('198.51.100.7'), '198.51.100.7');
  assert.equal(addressBucket('::ffff:198.51.100.7'), '198.51.100.7');
  const sameSubnet = [
    '2001:db8:1:2::1',
    '2001:db8:1:2::dead:beef',
    '2001:0db8:0001:0002:ffff:ffff:ffff:ffff',
    '2001:DB8:1:2:0:0:0:9',
    '2001:db8:1:2::192.0.2.1',
  ];
  for (const address of sameSubnet) assert.equal(addressBucket(address), '2001:db8:1:2::/64', address);
  assert.notEqual(addressBucket('2001:db8:1:3::1'), addressBucket('2001:db8:1:2::1'));
  assert.equal(addressBucket('2001:db8::1'), '2001:db8:0:0::/64');
  assert.equal(addressBucket('::1'), '0:0:0:0::/64');
  assert.equal(addressBucket('fe80::1%eth0'), 'fe80:0:0:0::/64');
  assert.equal(addressBucket('not an address'), 'not an address');
});
