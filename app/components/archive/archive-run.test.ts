// archiveInChunks: bulk archiving in requests small enough for the API, with progress.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARCHIVE_CHUNK, archiveInChunks, chunks } from './archive-run';

test('100 ids go out in chunks of ARCHIVE_CHUNK, in order, with progress after each', async () => {
  const ids = Array.from({ length: 100 }, (_, i) => String(i));
  const sent: string[][] = [];
  const progress: number[] = [];
  await archiveInChunks(
    ids,
    async (c) => void sent.push(c),
    (d) => progress.push(d),
  );
  assert.equal(sent.length, Math.ceil(100 / ARCHIVE_CHUNK));
  assert.deepEqual(sent.flat(), ids);
  assert.equal(progress.at(-1), 100);
});

test('a failing chunk stops the run and reports only what was done', async () => {
  const progress: number[] = [];
  const ids = Array.from({ length: ARCHIVE_CHUNK * 3 }, (_, i) => String(i));
  let calls = 0;
  await assert.rejects(
    archiveInChunks(
      ids,
      async () => {
        if (++calls === 2) throw new Error('boom');
      },
      (d) => progress.push(d),
    ),
    /boom/,
  );
  assert.deepEqual(progress, [ARCHIVE_CHUNK]);
});

test('chunks of an empty list is empty; a short list is one chunk', () => {
  assert.deepEqual(chunks([]), []);
  assert.deepEqual(chunks(['a', 'b']), [['a', 'b']]);
});
