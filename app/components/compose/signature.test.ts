import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_DRAFT } from './compose-draft';
import { quotedReplyHtml } from './quote-original';
import { needsSignature, signatureBlockHtml, signatureChange, signatureInsertPosition, withSignature } from './signature';

const SIG = '<p><strong>Ann</strong></p>';
const BLOCK = '<div class="signature"><p><strong>Ann</strong></p></div>';

test('a new message starts with a line to write on and the signature below it', () => {
  assert.equal(withSignature('', SIG), `<p></p>${BLOCK}`);
  assert.equal(withSignature('<p>from a mailto link</p>', SIG), `<p>from a mailto link</p>${BLOCK}`);
});

test('a reply or forward gets the signature above the quoted original', () => {
  const reply = quotedReplyHtml('Bob wrote:', { text: 'Hoi' });
  const signed = withSignature(reply, SIG);
  assert.ok(signed.startsWith(`<p></p>${BLOCK}<p>Bob wrote:</p>`), signed);
  assert.equal(signed.replace(BLOCK, ''), reply, 'nothing else changes');
});

test('no signature, or only spaces: the body is left as it is', () => {
  assert.equal(withSignature('<p></p><p>x</p>', null), '<p></p><p>x</p>');
  assert.equal(withSignature('', '  '), '');
  assert.equal(signatureBlockHtml(undefined), '');
});

test('only a fresh draft gets a signature', () => {
  assert.equal(needsSignature(EMPTY_DRAFT), true);
  assert.equal(needsSignature({ ...EMPTY_DRAFT, draftId: 'd1' }), false, 'a resumed draft has its own');
  assert.equal(needsSignature({ ...EMPTY_DRAFT, outboxId: 'o1' }), false, 'an Outbox message being edited');
  assert.equal(needsSignature({ ...EMPTY_DRAFT, html: `<p>x</p>${BLOCK}` }), false, 'already signed');
  assert.equal(needsSignature({ ...EMPTY_DRAFT, keepsBody: true }), false, 'another client’s draft, or reopened after Undo send');
});

test('changing From swaps an untouched signature and keeps an edited or deleted one', () => {
  const other = '<p>Ann, sales</p>';
  assert.deepEqual(signatureChange(BLOCK, BLOCK, other), { type: 'replace', html: `<div class="signature">${other}</div>` });
  assert.deepEqual(signatureChange(BLOCK, BLOCK, null), { type: 'remove' });
  assert.deepEqual(signatureChange(null, null, other), { type: 'insert', html: `<div class="signature">${other}</div>` });
  assert.deepEqual(signatureChange(null, null, null), { type: 'keep' });
  assert.deepEqual(signatureChange('<div class="signature"><p>Annie</p></div>', BLOCK, other), { type: 'keep' }, 'edited');
  assert.deepEqual(signatureChange(null, BLOCK, other), { type: 'keep' }, 'deleted by the person');
});

test('a signature added later goes above the quote of an answer, at the end of a new message', () => {
  assert.equal(signatureInsertPosition(true, 9, 120), 9, 'after the line written on');
  assert.equal(signatureInsertPosition(false, 9, 120), 120);
  assert.equal(signatureInsertPosition(true, 2, 0), 0, 'never past the end');
});
