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

test('messages still downloading are archived after a wait; the others go at once', async () => {
  const ids = Array.from({ length: 30 }, (_, i) => String(i));
  const stored = new Set(ids.filter((id) => id !== '3' && id !== '27'));
  const sent: string[][] = [];
  const waits: number[] = [];
  const waiting: number[] = [];
  const notStored = (pending: string[]) => Object.assign(new Error('not stored'), { pending });
  await archiveInChunks(
    ids,
    async (chunk) => {
      const pending = chunk.filter((id) => !stored.has(id));
      if (pending.length) throw notStored(pending);
      sent.push(chunk);
    },
    () => {},
    {
      pendingOf: (e) => (e instanceof Error && 'pending' in e ? (e.pending as string[]) : null),
      onWaiting: (n) => waiting.push(n),
      wait: async (ms) => {
        waits.push(ms);
        // The background download stores one of them per wait.
        stored.add(waits.length === 1 ? '3' : '27');
      },
      delayMs: 10,
    },
  );
  assert.deepEqual(sent.flat().sort(), [...ids].sort(), 'every message archived once');
  assert.deepEqual(waiting, [2, 1]);
  assert.deepEqual(waits, [10, 10]);
});

test('a message that never gets stored fails the run after the last round, with the server’s error', async () => {
  const error = Object.assign(new Error('not stored'), { pending: ['1'] });
  let waits = 0;
  await assert.rejects(
    archiveInChunks(
      ['0', '1'],
      async (chunk) => {
        if (chunk.includes('1')) throw error;
      },
      () => {},
      { pendingOf: (e) => (e === error ? ['1'] : null), wait: async () => void (waits += 1), rounds: 3 },
    ),
    (e) => e === error,
  );
  assert.equal(waits, 3);
});

test('another failure is not waited for, even with a waiter', async () => {
  await assert.rejects(
    archiveInChunks(
      ['0'],
      async () => {
        throw new Error('boom');
      },
      () => {},
      { pendingOf: () => null, wait: async () => assert.fail('no wait') },
    ),
    /boom/,
  );
});
