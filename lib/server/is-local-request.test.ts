import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLocalRequest } from './is-local-request.ts';

test('local: a loopback peer with no proxy headers', () => {
  for (const remoteAddress of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1']) {
    assert.equal(isLocalRequest({ remoteAddress, headers: {} }), true, remoteAddress);
  }
});

test('not local: another peer, or anything a proxy on this machine forwards', () => {
  for (const remoteAddress of ['192.0.2.2', '10.0.0.1', '::ffff:192.0.2.2', 'fd00::2', '::', undefined]) {
    assert.equal(isLocalRequest({ remoteAddress, headers: {} }), false, String(remoteAddress));
  }
  for (const headers of [
    { 'x-forwarded-for': '203.0.113.9' },
    { forwarded: 'for=203.0.113.9' },
    { 'x-real-ip': '203.0.113.9' },
  ]) {
    assert.equal(isLocalRequest({ remoteAddress: '127.0.0.1', headers }), false, JSON.stringify(headers));
  }
});
