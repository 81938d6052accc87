import assert from 'node:assert/strict';
import { test } from 'node:test';
import { droppedMessageIds, MAX_DROPPED_IDS } from './dropped-message-ids.ts';

test('a JSON array of ids is taken as it is', () => {
  assert.deepEqual(droppedMessageIds('["12","34"]'), ['12', '34']);
});

test('anything else is no drop of messages', () => {
  for (const data of ['', 'hello', '[]', '{"ids":["1"]}', '[1,2]', '[""]', JSON.stringify(['x'.repeat(65)])])
    assert.equal(droppedMessageIds(data), null, data);
});

test('more ids than the limit are refused, not cut', () => {
  const ids = Array.from({ length: MAX_DROPPED_IDS + 1 }, (_, i) => String(i));
  assert.equal(droppedMessageIds(JSON.stringify(ids)), null);
  assert.equal(droppedMessageIds(JSON.stringify(ids.slice(1)))?.length, MAX_DROPPED_IDS);
});
