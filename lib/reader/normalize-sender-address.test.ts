import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SENDER_ADDRESS_LENGTH, normalizeSenderAddress } from './normalize-sender-address.ts';

test('trimmed and lower-cased', () => {
  assert.equal(normalizeSenderAddress('  News@Shop.Example '), 'news@shop.example');
});

test('not an address: refused on the address field', () => {
  for (const raw of ['', 'news', '@shop.example', 'news@', 'news letter@shop.example', 'a@b\u0000c']) {
    assert.throws(
      () => normalizeSenderAddress(raw),
      (error: { code?: string; field?: string }) => error.code === 'BAD_USER_INPUT' && error.field === 'address',
      raw,
    );
  }
});

test('at most 254 characters', () => {
  const local = (n: number) => `${'a'.repeat(n - '@x.test'.length)}@x.test`;
  assert.equal(normalizeSenderAddress(local(MAX_SENDER_ADDRESS_LENGTH)).length, MAX_SENDER_ADDRESS_LENGTH);
  assert.throws(() => normalizeSenderAddress(local(MAX_SENDER_ADDRESS_LENGTH + 1)), { code: 'BAD_USER_INPUT' });
});
