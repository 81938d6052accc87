import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registrableDomain } from './registrable-domain.ts';

test('keeps the registered name under a one- or two-label public suffix', () => {
  assert.equal(registrableDomain('mx1.mail.hoster.com'), 'hoster.com');
  assert.equal(registrableDomain('MX.Hoster.com.'), 'hoster.com');
  assert.equal(registrableDomain('hoster.com'), 'hoster.com');
  assert.equal(registrableDomain('mx.hoster.co.uk'), 'hoster.co.uk');
  assert.equal(registrableDomain('a.b.hoster.com.au'), 'hoster.com.au');
  assert.equal(registrableDomain('co.uk'), 'co.uk');
  assert.equal(registrableDomain('localhost'), 'localhost');
});
