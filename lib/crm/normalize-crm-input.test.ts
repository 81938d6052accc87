import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../errors.ts';
import { containsPattern, decodeCrmCursor, encodeCrmCursor, pageSize } from './crm-page.ts';
import {
  domainOfAddress,
  normalizeDomain,
  normalizeEmail,
  normalizeList,
  normalizeName,
  optionalText,
} from './normalize-crm-input.ts';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return [error.code, error.field];
    throw error;
  }
  return null;
};

test('addresses are trimmed and lower-cased; what is no address is refused on the field', () => {
  assert.equal(normalizeEmail('  Jan.Jansen@Acme.NL '), 'jan.jansen@acme.nl');
  assert.equal(normalizeEmail('"odd"@münchen.de'), '"odd"@münchen.de');
  for (const bad of ['', 'jan', '@acme.nl', 'jan@', 'jan@acme', 'jan smit@acme.nl', 'jan@-acme.nl', `${'a'.repeat(250)}@x.nl`])
    assert.deepEqual(
      refusal(() => normalizeEmail(bad)),
      ['CRM_INVALID_INPUT', 'emails'],
      bad,
    );
});

test('a domain has no "@": a pasted "@acme.nl" or an address keeps its domain; a trailing dot goes', () => {
  assert.equal(normalizeDomain(' ACME.nl '), 'acme.nl');
  assert.equal(normalizeDomain('@acme.nl'), 'acme.nl');
  assert.equal(normalizeDomain('info@Sales.Acme.nl.'), 'sales.acme.nl');
  assert.equal(normalizeDomain('xn--mnchen-3ya.de'), 'xn--mnchen-3ya.de');
  for (const bad of ['', 'acme', 'acme..nl', '-acme.nl', 'acme.nl/x', 'ac me.nl', `${'a'.repeat(64)}.nl`])
    assert.deepEqual(
      refusal(() => normalizeDomain(bad)),
      ['CRM_INVALID_INPUT', 'domains'],
      bad,
    );
  assert.equal(domainOfAddress('Jan@ACME.nl'), 'acme.nl');
  assert.equal(domainOfAddress('jan@localhost'), null);
});

test('lists drop blanks and duplicates (after normalising) and are bounded', () => {
  assert.deepEqual(normalizeList(['Acme.nl', ' ', 'acme.NL', 'acme.be'], normalizeDomain, 'domains'), ['acme.nl', 'acme.be']);
  const many = Array.from({ length: 21 }, (_, i) => `d${i}.nl`);
  assert.deepEqual(
    refusal(() => normalizeList(many, normalizeDomain, 'domains')),
    ['CRM_INVALID_INPUT', 'domains'],
  );
});

test('names are required and bounded; optional text is null when empty, undefined when absent', () => {
  assert.equal(normalizeName('  Acme BV '), 'Acme BV');
  assert.deepEqual(
    refusal(() => normalizeName('   ')),
    ['CRM_INVALID_INPUT', 'name'],
  );
  assert.deepEqual(
    refusal(() => normalizeName('x'.repeat(201))),
    ['CRM_INVALID_INPUT', 'name'],
  );
  assert.equal(optionalText('  ', 'phone', 10), null);
  assert.equal(optionalText(null, 'phone', 10), null);
  assert.equal(optionalText(undefined, 'phone', 10), undefined);
  assert.deepEqual(
    refusal(() => optionalText('x'.repeat(11), 'phone', 10)),
    ['CRM_INVALID_INPUT', 'phone'],
  );
});

test('cursors round-trip (names may hold "|"); a forged one is refused; page sizes are clamped; LIKE wildcards are literal', () => {
  const row = { id: '0b0c8b8e-6f1e-4d8a-9a53-2b8f0f0f0f0f', sortName: 'a|b corp' };
  assert.deepEqual(decodeCrmCursor(encodeCrmCursor(row)), { id: row.id, name: row.sortName });
  assert.deepEqual(
    refusal(() => decodeCrmCursor('bm9wZQ')),
    ['CRM_INVALID_INPUT', 'after'],
  );
  assert.deepEqual([pageSize(undefined), pageSize(0), pageSize(5000), pageSize(10)], [25, 1, 100, 10]);
  assert.equal(containsPattern('50%_a\\b'), '%50\\%\\_a\\\\b%');
});
