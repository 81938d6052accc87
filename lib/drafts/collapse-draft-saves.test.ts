import assert from 'node:assert/strict';
import { test } from 'node:test';
import { supersededDraftActions } from './collapse-draft-saves.ts';

const save = (id: string, draftId: string) => ({ id, kind: 'save_draft', draftId });

test('of several saves of one draft only the last is carried out', () => {
  const open = [save('a1', 'A'), save('b1', 'B'), save('a2', 'A'), { id: 'f', kind: 'flag', draftId: null }, save('a3', 'A')];
  assert.deepEqual(supersededDraftActions(open), ['a1', 'a2']);
});

test('a discard after saves makes them moot; a save after a discard still runs', () => {
  const discard = { id: 'd', kind: 'discard_draft', draftId: 'A' };
  assert.deepEqual(supersededDraftActions([save('a1', 'A'), discard]), ['a1']);
  assert.deepEqual(supersededDraftActions([discard, save('a1', 'A')]), []);
});

test('one save, or none, leaves nothing to skip', () => {
  assert.deepEqual(supersededDraftActions([save('a1', 'A')]), []);
  assert.deepEqual(supersededDraftActions([]), []);
});
