import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chipsFromText } from './recipient-chips';

test('a pasted list splits into valid and invalid chips, without doubles', () => {
  assert.deepEqual(chipsFromText('Ann <ann@x.nl>, bob@y.com; not an address, ANN@x.nl', [{ text: 'cara@z.org', valid: true }]), [
    { text: 'Ann <ann@x.nl>', valid: true },
    { text: 'bob@y.com', valid: true },
    { text: 'not an address', valid: false },
  ]);
  assert.deepEqual(chipsFromText('cara@z.org', [{ text: 'Cara <cara@z.org>', valid: true }]), []);
});

test('an address longer than the limit is shown but blocks sending', () => {
  const long = `${'a'.repeat(320)}@x.nl`;
  assert.deepEqual(chipsFromText(long, []), [{ text: long, valid: false }]);
});
