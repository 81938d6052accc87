import assert from 'node:assert/strict';
import { test } from 'node:test';
import { remapKey } from './remap-uid-validity.ts';

const base = {
  messageId: null,
  sentAt: new Date('2026-11-30T09:15:00Z'),
  subject: 'Quote',
  from: [{ name: 'Customer', address: 'Customer@Example.com' }],
  to: [{ name: '', address: 'sales@example.test' }],
  size: 1234,
};

test('with a Message-ID, that is the key', () => {
  assert.equal(remapKey({ ...base, messageId: 'a@b' }), remapKey({ ...base, messageId: 'a@b', subject: 'other', size: 1 }));
  assert.notEqual(remapKey({ ...base, messageId: 'a@b' }), remapKey({ ...base, messageId: 'c@d' }));
});

test('without one: the envelope and size, as stored (jsonb reorders keys, names may differ in case) and as fetched', () => {
  const stored = { ...base, from: [{ address: 'customer@example.com', name: 'Customer' }] };
  assert.equal(remapKey(stored), remapKey(base));
  for (const change of [{ subject: 'Quote 2' }, { size: 1235 }, { sentAt: null }, { to: [] }]) {
    assert.notEqual(remapKey({ ...base, ...change }), remapKey(base), JSON.stringify(change));
  }
});
