import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseLocale } from './choose-locale';

test('the browser decides when there is no choice: nl* is Dutch, anything else English', () => {
  assert.equal(chooseLocale(undefined, 'nl'), 'nl');
  assert.equal(chooseLocale(undefined, 'nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7'), 'nl');
  assert.equal(chooseLocale(undefined, 'nl-BE'), 'nl');
  assert.equal(chooseLocale(undefined, 'en-US,en;q=0.9'), 'en');
  assert.equal(chooseLocale(undefined, 'de-DE,de;q=0.9'), 'en');
  assert.equal(chooseLocale(undefined, ''), 'en');
  assert.equal(chooseLocale(undefined, null), 'en');
  assert.equal(chooseLocale(undefined, '*'), 'en');
});

test('the most preferred language we have wins, by weight and then by order', () => {
  assert.equal(chooseLocale(undefined, 'de-DE,nl;q=0.8,en;q=0.5'), 'nl');
  assert.equal(chooseLocale(undefined, 'en;q=0.5,nl;q=0.8'), 'nl');
  assert.equal(chooseLocale(undefined, 'en-GB,nl'), 'en');
  assert.equal(chooseLocale(undefined, 'nl;q=0,en'), 'en', 'q=0 means not this language');
  assert.equal(chooseLocale(undefined, 'NL-nl'), 'nl', 'tags are case-insensitive');
});

test("a person's own choice beats the browser; an unknown choice is ignored", () => {
  assert.equal(chooseLocale('en', 'nl-NL'), 'en');
  assert.equal(chooseLocale('nl', 'en-US'), 'nl');
  assert.equal(chooseLocale('fr', 'nl-NL'), 'nl');
  assert.equal(chooseLocale('../../etc/passwd', undefined), 'en');
  assert.equal(chooseLocale('toString', undefined), 'en', 'no prototype keys taken for languages');
});

test('a huge header is cut before it is read', () => {
  assert.equal(chooseLocale(undefined, `${'xx;q=0.1,'.repeat(10_000)}nl`), 'en');
});
