import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EMPTY_SELECTION,
  keepLoaded,
  selectRange,
  setAnchor,
  toggleAll,
  toggleSelected,
  type MessageSelection,
} from './message-selection.ts';

const order = ['a', 'b', 'c', 'd', 'e'];
const ids = (s: MessageSelection) => [...s.ids].sort();

test('toggle adds a row, a second toggle removes it; the row becomes the anchor', () => {
  const once = toggleSelected(EMPTY_SELECTION, 'b');
  assert.deepEqual(ids(once), ['b']);
  assert.equal(once.anchor, 'b');
  const twice = toggleSelected(once, 'b');
  assert.deepEqual(ids(twice), []);
  assert.equal(twice.anchor, 'b');
  assert.deepEqual(ids(EMPTY_SELECTION), [], 'the input is never changed');
});

test('shift selects the range from the anchor, in either direction, and keeps what was picked', () => {
  const down = selectRange(toggleSelected(EMPTY_SELECTION, 'b'), order, 'd');
  assert.deepEqual(ids(down), ['b', 'c', 'd']);
  assert.equal(down.anchor, 'b', 'the anchor stays for the next shift+click');
  const up = selectRange(toggleSelected(EMPTY_SELECTION, 'd'), order, 'a');
  assert.deepEqual(ids(up), ['a', 'b', 'c', 'd']);
  const kept = selectRange({ ids: new Set(['e']), anchor: 'a' }, order, 'b');
  assert.deepEqual(ids(kept), ['a', 'b', 'e']);
});

test('a range from an opened (not selected) row starts at that row', () => {
  assert.deepEqual(ids(selectRange(setAnchor(EMPTY_SELECTION, 'c'), order, 'e')), ['c', 'd', 'e']);
});

test('without an anchor on screen, shift+click is a toggle', () => {
  assert.deepEqual(ids(selectRange(EMPTY_SELECTION, order, 'c')), ['c']);
  assert.deepEqual(ids(selectRange({ ids: new Set(), anchor: 'gone' }, order, 'c')), ['c']);
});

test('select all takes every loaded row; again clears', () => {
  const all = toggleAll(toggleSelected(EMPTY_SELECTION, 'a'), order);
  assert.deepEqual(ids(all), order);
  assert.deepEqual(ids(toggleAll(all, order)), []);
  assert.deepEqual(ids(toggleAll(EMPTY_SELECTION, [])), []);
});

test('rows that left the list leave the selection and the anchor', () => {
  const before: MessageSelection = { ids: new Set(['a', 'c', 'x']), anchor: 'x' };
  const after = keepLoaded(before, order);
  assert.deepEqual(ids(after), ['a', 'c']);
  assert.equal(after.anchor, null);
  const same: MessageSelection = { ids: new Set(['a']), anchor: 'a' };
  assert.equal(keepLoaded(same, order), same, 'unchanged selections keep their identity (no re-render)');
});
