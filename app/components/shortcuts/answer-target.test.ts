import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerTarget } from './answer-target.ts';

test('the open message first, then the focused row, then the one ticked row', () => {
  assert.equal(answerTarget('open', 'focused', ['a']), 'open');
  assert.equal(answerTarget(null, 'focused', ['a', 'b']), 'focused');
  assert.equal(answerTarget(null, null, ['a']), 'a');
});

test('nothing meant: no message open, no row focused, none or several ticked', () => {
  assert.equal(answerTarget(null, null, []), null);
  assert.equal(answerTarget(null, null, ['a', 'b']), null);
});
