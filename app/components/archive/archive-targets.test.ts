// The archive dialog's pure parts: the pre-selection, the mutation's targets, the mark's name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_ARCHIVE_TARGETS, preselectTargets, targetInputs, targetsLabel, withCompany } from './archive-targets';

test('the first suggested person and company are pre-selected; the rest is left to the user', () => {
  const chosen = preselectTargets([
    { kind: 'PERSON', id: 'p1', name: 'Ann', matched: 'ann@acme.test', reason: 'ADDRESS' },
    { kind: 'PERSON', id: 'p2', name: 'Bob', matched: 'bob@acme.test', reason: 'ADDRESS' },
    { kind: 'COMPANY', id: 'c1', name: 'Acme BV', matched: 'acme.test', reason: 'PERSON' },
  ]);
  assert.deepEqual(chosen, {
    PERSON: { id: 'p1', name: 'Ann' },
    COMPANY: { id: 'c1', name: 'Acme BV' },
    PROJECT: null,
    SALE: null,
  });
  assert.deepEqual(preselectTargets([]), NO_ARCHIVE_TARGETS);
});

test('targetInputs lists the chosen rows only', () => {
  assert.deepEqual(targetInputs({ ...NO_ARCHIVE_TARGETS, COMPANY: { id: 'c1', name: 'Acme' }, SALE: { id: 's', name: 'S' } }), [
    { kind: 'COMPANY', id: 'c1' },
    { kind: 'SALE', id: 's' },
  ]);
});

test('"archived to" names the company first, else the person', () => {
  assert.equal(
    targetsLabel([
      { kind: 'PERSON', name: 'Ann' },
      { kind: 'COMPANY', name: 'Acme BV' },
    ]),
    'Acme BV',
  );
  assert.equal(targetsLabel([{ kind: 'PERSON', name: 'Ann' }]), 'Ann');
  assert.equal(targetsLabel([]), null);
});

test('another company clears the project and sale; the same company keeps them', () => {
  const before = { ...NO_ARCHIVE_TARGETS, COMPANY: { id: 'c1', name: 'A' }, PROJECT: { id: 'p', name: 'P' } };
  assert.equal(withCompany(before, { id: 'c1', name: 'A' }), before);
  assert.deepEqual(withCompany(before, { id: 'c2', name: 'B' }), { ...NO_ARCHIVE_TARGETS, COMPANY: { id: 'c2', name: 'B' } });
});
