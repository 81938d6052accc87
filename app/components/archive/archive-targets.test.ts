// The archive picker's pure parts (the dialog and Send and archive): the pre-selection, the mutation's targets, the mark's name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  NO_ARCHIVE_TARGETS,
  preselectTargets,
  targetInputs,
  targetsFromList,
  targetsLabel,
  untouchedTargets,
  withCompany,
  type ArchiveSuggestion,
} from './archive-targets';

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

test('a list of rows becomes the first of each kind', () => {
  assert.deepEqual(
    targetsFromList([
      { kind: 'SALE', id: 's1', name: 'Renewal' },
      { kind: 'PERSON', id: 'p1', name: 'Ann' },
      { kind: 'PERSON', id: 'p2', name: 'Bob' },
    ]),
    { ...NO_ARCHIVE_TARGETS, PERSON: { id: 'p1', name: 'Ann' }, SALE: { id: 's1', name: 'Renewal' } },
  );
});

const suggestions: ArchiveSuggestion[] = [
  { kind: 'PERSON', id: 'p1', name: 'Ann', matched: 'ann@acme.test', reason: 'ADDRESS' },
  { kind: 'COMPANY', id: 'c1', name: 'Acme BV', matched: 'acme.test', reason: 'DOMAIN' },
];

test('untouched: the answered message’s targets first, then the suggestions, unless suggesting is off', () => {
  const answered = [
    { kind: 'COMPANY' as const, id: 'c2', name: 'Other BV' },
    { kind: 'PROJECT' as const, id: 'x1', name: 'Roof' },
  ];
  assert.deepEqual(untouchedTargets({ answered, suggestions }), {
    ...NO_ARCHIVE_TARGETS,
    COMPANY: { id: 'c2', name: 'Other BV' },
    PROJECT: { id: 'x1', name: 'Roof' },
  });
  // Replies follow "Suggest archiving replies", not "Suggest links automatically".
  assert.deepEqual(untouchedTargets({ answered, suggestions, autoSuggest: false })?.PROJECT, { id: 'x1', name: 'Roof' });
  assert.deepEqual(untouchedTargets({ answered: [], suggestions }), preselectTargets(suggestions));
  assert.deepEqual(untouchedTargets({ suggestions, autoSuggest: false }), NO_ARCHIVE_TARGETS);
  assert.equal(untouchedTargets({ suggestions: undefined }), null);
});
