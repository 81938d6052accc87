import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseSyncStrategy, type RemoteFolderState, type StoredFolderState } from './choose-sync-strategy.ts';
import { importWindowStart } from './import-window.ts';

const window30 = new Date('2026-10-01T00:00:00Z');
const synced: StoredFolderState = {
  uidValidity: 1700000000,
  uidNext: 120,
  highestModseq: '9007199254740993', // beyond Number.MAX_SAFE_INTEGER: compared as BigInt
  importedSince: window30,
};
const same: RemoteFolderState = { uidValidity: 1700000000, uidNext: 120, highestModseq: '9007199254740993' };

test('nothing changed: none', () => {
  assert.deepEqual(chooseSyncStrategy(synced, same, window30), { type: 'none', reason: 'unchanged' });
});

test('never synced: full import', () => {
  const fresh = { uidValidity: null, uidNext: null, highestModseq: null, importedSince: null };
  assert.deepEqual(chooseSyncStrategy(fresh, same, window30), { type: 'full', reason: 'first-sync' });
});

test('UIDVALIDITY changed: reset, even when the window also grew', () => {
  const remote = { ...same, uidValidity: 1700000001 };
  assert.deepEqual(chooseSyncStrategy(synced, remote, new Date('2020-01-01')), { type: 'reset', reason: 'uidvalidity-changed' });
});

test('an import that never finished resumes as full', () => {
  assert.deepEqual(chooseSyncStrategy({ ...synced, importedSince: null }, same, window30), {
    type: 'full',
    reason: 'import-incomplete',
  });
});

test('a wider window backfills; a narrower one changes nothing', () => {
  assert.deepEqual(chooseSyncStrategy(synced, same, new Date('2026-09-01T00:00:00Z')), {
    type: 'full',
    reason: 'window-widened',
  });
  assert.deepEqual(chooseSyncStrategy(synced, same, new Date('2026-10-15T00:00:00Z')), { type: 'none', reason: 'unchanged' });
});

test('new mail or changed mod-sequence: partial', () => {
  assert.deepEqual(chooseSyncStrategy(synced, { ...same, uidNext: 121 }, window30), { type: 'partial', reason: 'new-messages' });
  assert.deepEqual(chooseSyncStrategy(synced, { ...same, highestModseq: '9007199254740994' }, window30), {
    type: 'partial',
    reason: 'changed',
  });
  assert.deepEqual(chooseSyncStrategy({ ...synced, highestModseq: null }, same, window30), {
    type: 'partial',
    reason: 'changed',
  });
});

test('without CONDSTORE every check is partial (flags cannot be seen from the folder state)', () => {
  assert.deepEqual(chooseSyncStrategy(synced, { ...same, highestModseq: null }, window30), {
    type: 'partial',
    reason: 'no-modseq',
  });
  assert.deepEqual(chooseSyncStrategy({ ...synced, uidNext: null }, same, window30), { type: 'partial', reason: 'no-cursor' });
});

test('the window starts at midnight UTC, N days back', () => {
  assert.equal(importWindowStart(30, new Date('2026-11-20T15:30:00Z')).toISOString(), '2026-10-21T00:00:00.000Z');
  assert.equal(importWindowStart(0, new Date('2026-11-20T00:00:00Z')).toISOString(), '2026-11-20T00:00:00.000Z');
});
