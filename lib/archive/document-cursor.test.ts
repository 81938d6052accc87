import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../errors.ts';
import { decodeCrmCursor, encodeCrmCursor } from '../crm/crm-page.ts';
import { decodeDocumentCursor, encodeDocumentCursor } from './archived-documents.ts';

const ID = '0b7f3c1e-8d2a-4c5b-9e6f-1a2b3c4d5e6f';
const forged = (text: string) => Buffer.from(text).toString('base64url');
const refused = (fn: () => unknown) =>
  assert.throws(fn, (e: unknown) => isAppError(e) && e.field === 'after', 'refused as bad input naming the field');

test('timeline and CRM cursors round-trip', () => {
  const datedAt = new Date('2026-11-30T08:00:00.000Z');
  assert.deepEqual(decodeDocumentCursor(encodeDocumentCursor({ datedAt, id: ID })), { datedAt, id: ID });
  assert.deepEqual(decodeCrmCursor(encodeCrmCursor({ id: ID, sortName: 'acme | bv' })), { id: ID, name: 'acme | bv' });
});

test('a forged cursor whose id is no UUID is bad input, never a database cast error', () => {
  refused(() => decodeDocumentCursor(forged(`2026-11-30T08:00:00.000Z|${'-'.repeat(36)}`)));
  refused(() => decodeDocumentCursor(forged(`2026-11-30T08:00:00.000Z|x'; drop table`)));
  refused(() => decodeDocumentCursor(forged(`not a date|${ID}`)));
  refused(() => decodeCrmCursor(forged(`${'-'.repeat(36)}|acme`)));
  refused(() => decodeCrmCursor(forged('acme')));
});
