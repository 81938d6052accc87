import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outboxItemStatus } from './outbox-item-status';

const AT = { sendAt: '2026-12-02T10:00:00.000Z', nextAttemptAt: '2026-12-02T10:00:30.000Z' };

test('a message in its undo delay or schedule waits for its send time, and cannot be hurried', () => {
  const status = outboxItemStatus({ ...AT, state: 'QUEUED', errorCode: null });
  assert.deepEqual(status, {
    label: 'stateQUEUED',
    at: AT.sendAt,
    problem: false,
    retry: null,
    edit: false,
    discard: false,
  });
});

test('a message retried after a transient failure says so, names the next try and offers it now', () => {
  const status = outboxItemStatus({ ...AT, state: 'QUEUED', errorCode: 'SEND_RETRYING' });
  assert.equal(status.label, 'stateRETRYING');
  assert.equal(status.at, AT.nextAttemptAt);
  assert.equal(status.problem, true);
  assert.equal(status.retry, 'retryNow');
  assert.equal(status.discard, false, 'still queued: the sender may take it any moment');
});

test('refused and uncertain messages are for the person to decide; sent ones only go away', () => {
  assert.deepEqual(
    [outboxItemStatus({ ...AT, state: 'FAILED', errorCode: 'SEND_REFUSED' })].map((s) => [s.retry, s.edit, s.discard, s.problem]),
    [['retry', true, true, true]],
  );
  assert.equal(outboxItemStatus({ ...AT, state: 'UNCERTAIN', errorCode: 'SEND_UNCERTAIN' }).retry, 'sendAnyway');
  const sent = outboxItemStatus({ ...AT, state: 'SENT', errorCode: null });
  assert.deepEqual([sent.label, sent.retry, sent.edit, sent.discard], ['stateSENT', null, false, true]);
  assert.equal(outboxItemStatus({ ...AT, state: 'SENDING', errorCode: 'SEND_RETRYING' }).label, 'stateSENDING');
});
