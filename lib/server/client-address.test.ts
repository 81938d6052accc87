import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientAddress, parseTrustProxy } from './client-address.ts';

test('TRUST_PROXY: unset trusts nothing; a number is hops; else a list of CIDRs', () => {
  assert.deepEqual(parseTrustProxy(undefined), { hops: 0 });
  assert.deepEqual(parseTrustProxy('false'), { hops: 0 });
  assert.deepEqual(parseTrustProxy('1'), { hops: 1 });
  assert.deepEqual(parseTrustProxy('10.0.0.0/8, ::1'), { cidrs: ['10.0.0.0/8', '::1'] });
  assert.match(String(parseTrustProxy('true')), /"true" is neither/);
  assert.match(String(parseTrustProxy('10.0.0.0/33')), /is neither/);
});

test('without TRUST_PROXY, X-Forwarded-For is ignored', () => {
  const address = clientAddress({ socketAddress: '::ffff:10.0.0.5', forwardedFor: '203.0.113.9', trustProxy: { hops: 0 } });
  assert.equal(address, '10.0.0.5');
});

test('with hops, the address that many proxies away; spoofed entries further left are ignored', () => {
  const forwardedFor = '6.6.6.6, 203.0.113.9';
  assert.equal(clientAddress({ socketAddress: '10.0.0.5', forwardedFor, trustProxy: { hops: 1 } }), '203.0.113.9');
  assert.equal(clientAddress({ socketAddress: '10.0.0.5', forwardedFor, trustProxy: { hops: 2 } }), '6.6.6.6');
  assert.equal(clientAddress({ socketAddress: '10.0.0.5', forwardedFor: undefined, trustProxy: { hops: 1 } }), '10.0.0.5');
});

test('with CIDRs, the right-most address that is not a trusted proxy', () => {
  const trustProxy = { cidrs: ['10.0.0.0/8'] };
  const forwardedFor = '6.6.6.6, 203.0.113.9, 10.1.1.1';
  assert.equal(clientAddress({ socketAddress: '10.0.0.5', forwardedFor, trustProxy }), '203.0.113.9');
  assert.equal(clientAddress({ socketAddress: '198.51.100.1', forwardedFor, trustProxy }), '198.51.100.1', 'untrusted peer');
  assert.equal(clientAddress({ socketAddress: '10.0.0.5', forwardedFor: 'garbage', trustProxy }), '10.0.0.5');
  assert.equal(clientAddress({ socketAddress: '10.0.0.5', forwardedFor: '[2001:db8::1]', trustProxy }), '2001:db8::1');
});
