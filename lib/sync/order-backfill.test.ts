import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orderBackfill } from './order-backfill.ts';

test('INBOX, then Sent, then the other folders fewest-missing first; Junk and Trash last', () => {
  const folders = [
    { path: 'Trash', specialUse: '\\Trash', pending: 1 },
    { path: 'Projects', specialUse: null, pending: 900 },
    { path: 'Archive', specialUse: '\\Archive', pending: 40 },
    { path: 'Sent', specialUse: '\\Sent', pending: 5_000 },
    { path: 'INBOX', specialUse: null, pending: 10_000 },
    { path: 'Junk', specialUse: '\\Junk', pending: 3 },
  ];
  assert.deepEqual(
    orderBackfill(folders).map((f) => f.path),
    ['INBOX', 'Sent', 'Archive', 'Projects', 'Junk', 'Trash'],
  );
});
