import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DraftFields } from '../../db/schema/index.ts';
import { sameArchiveIntent, sameDraftFields } from './same-draft-fields.ts';

const FIELDS: DraftFields = {
  fromName: 'Sam',
  to: ['Ria <ria@example.test>'],
  cc: [],
  bcc: [],
  subject: 'Offerte',
  text: 'Beste Ria,',
  html: '<p>Beste Ria,</p>',
  replyToMessageId: null,
  forwardMessageId: null,
  forwardAsAttachment: false,
  attachmentIds: ['u1'],
};

test('the same fields in another key order (as jsonb returns them) are the same draft', () => {
  const reordered = Object.fromEntries(Object.entries(FIELDS).reverse()) as unknown as DraftFields;
  assert.equal(sameDraftFields(reordered, { ...FIELDS, to: [...FIELDS.to] }), true);
});

test('any change is a new version: a field, a recipient, the order of files, a null made empty', () => {
  assert.equal(sameDraftFields(FIELDS, { ...FIELDS, text: 'Beste Ria, ' }), false);
  assert.equal(sameDraftFields(FIELDS, { ...FIELDS, cc: ['piet@example.nl'] }), false);
  assert.equal(sameDraftFields({ ...FIELDS, attachmentIds: ['u1', 'u2'] }, { ...FIELDS, attachmentIds: ['u2', 'u1'] }), false);
  assert.equal(sameDraftFields(FIELDS, { ...FIELDS, html: '' }), false);
  assert.equal(sameDraftFields(FIELDS, { ...FIELDS, forwardAsAttachment: true }), false);
});

test('a field missing from an older stored draft counts as null', () => {
  const { forwardMessageId: _dropped, ...older } = { ...FIELDS, forwardMessageId: null };
  assert.equal(sameDraftFields(older as DraftFields, FIELDS), true);
});

test('Send and archive: the same intent in another key order is the same; a target, category or visibility is not', () => {
  const intent = { targets: [{ kind: 'person' as const, id: 'p1' }], category: 'Quote', visibility: 'tenant' as const };
  const reordered = { visibility: 'tenant' as const, category: 'Quote', targets: [{ id: 'p1', kind: 'person' as const }] };
  assert.equal(sameArchiveIntent(intent, reordered), true);
  assert.equal(sameArchiveIntent(null, null), true);
  assert.equal(sameArchiveIntent(intent, null), false);
  assert.equal(sameArchiveIntent(null, intent), false);
  assert.equal(sameArchiveIntent(intent, { ...intent, category: null }), false);
  assert.equal(sameArchiveIntent(intent, { ...intent, visibility: 'private' }), false);
  assert.equal(sameArchiveIntent(intent, { ...intent, targets: [...intent.targets, { kind: 'company', id: 'c1' }] }), false);
});
