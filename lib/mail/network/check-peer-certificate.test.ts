import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sameFingerprint } from './check-peer-certificate.ts';

const hex = 'ab'.repeat(32);
const colons = hex.toUpperCase().match(/../g)!.join(':');

test('fingerprints compare equal however they were pasted', () => {
  assert.equal(sameFingerprint(colons, hex), true);
  assert.equal(sameFingerprint(colons, `sha256 Fingerprint=${colons}`), true, "openssl's output");
  assert.equal(sameFingerprint(colons, `SHA256:${hex}`), true);
  assert.equal(sameFingerprint(colons, ` ${colons.toLowerCase()} `), true);
});

test('different, short or empty fingerprints never match', () => {
  assert.equal(sameFingerprint(colons, 'cd'.repeat(32)), false);
  assert.equal(sameFingerprint('ab', 'ab'), false, 'not a SHA-256');
  assert.equal(sameFingerprint('', ''), false);
});
