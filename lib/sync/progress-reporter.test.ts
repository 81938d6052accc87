import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createProgressReporter } from './progress-reporter.ts';
import type { SyncProgressEvent } from './sync-events.ts';

test('progress is throttled, phase changes are not, and the last state always goes out', async () => {
  const sent: SyncProgressEvent[] = [];
  const progress = createProgressReporter({ accountId: 'a', publish: (e) => sent.push(e), intervalMs: 100 });
  try {
    progress.folderStarted({ id: 'f1', path: 'INBOX' }, 100, 'importing');
    for (let i = 0; i < 100; i++) progress.folderAdvanced('f1', 1);
    assert.equal(sent.length, 1, 'the phase change (connecting → importing) at once; the advances held back');
    assert.equal(progress.latest().done, 100);
    await sleep(150);
    assert.equal(sent.length, 2, 'the trailing update');
    assert.deepEqual(
      { phase: sent[1]!.phase, done: sent[1]!.done, total: sent[1]!.total, path: sent[1]!.path },
      { phase: 'importing', done: 100, total: 100, path: 'INBOX' },
    );
    progress.folderStarted({ id: 'f2', path: 'Sent' }, 10, 'importing');
    progress.folderAdvanced('f2', 4);
    progress.live();
    const last = sent.at(-1)!;
    assert.equal(last.phase, 'live');
    assert.equal(last.overallTotal, 110);
    assert.equal(last.overallDone, 110);
  } finally {
    progress.close();
  }
});

test('a backfill after live counts afresh; an error carries code and message', () => {
  const sent: SyncProgressEvent[] = [];
  const progress = createProgressReporter({ accountId: 'a', publish: (e) => sent.push(e), intervalMs: 1_000 });
  try {
    progress.folderStarted({ id: 'f1', path: 'INBOX' }, 5, 'importing');
    progress.live();
    progress.folderStarted({ id: 'f1', path: 'INBOX' }, 3, 'backfilling');
    assert.equal(sent.at(-1)!.phase, 'backfilling');
    assert.equal(sent.at(-1)!.overallTotal, 3);
    progress.error('MAIL_AUTH_FAILED', 'wrong password');
    assert.deepEqual([sent.at(-1)!.phase, sent.at(-1)!.errorCode], ['error', 'MAIL_AUTH_FAILED']);
  } finally {
    progress.close();
  }
});
