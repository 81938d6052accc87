import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createInProcessBus } from '../events/in-process-bus.ts';
import { mailboxTopic, publishMailboxEvent, syncProgressTopic, type MailboxEvent } from './sync-events.ts';

test('topics are per account', () => {
  assert.equal(mailboxTopic('a1'), 'account:a1:mailbox');
  assert.equal(syncProgressTopic('a1'), 'account:a1:sync-progress');
});

test('message events carry at most 50 ids each and stay small enough for NOTIFY', async () => {
  const bus = createInProcessBus();
  const received = bus.subscribe<MailboxEvent>(mailboxTopic('a1'));
  const ids = Array.from({ length: 120 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  await publishMailboxEvent(bus, {
    accountId: 'a1',
    kind: 'MESSAGES_ADDED',
    folderId: 'f1',
    messageIds: ids,
    counts: { total: 120, unread: 3 },
  });
  await publishMailboxEvent(bus, { accountId: 'a1', kind: 'MESSAGES_REMOVED', folderId: 'f1', messageIds: [], counts: null });
  const events: MailboxEvent[] = [];
  for (let i = 0; i < 3; i++) events.push((await received.next()).value);
  assert.deepEqual(
    events.map((e) => e.messageIds.length),
    [50, 50, 20],
  );
  assert.deepEqual(
    events.flatMap((e) => e.messageIds),
    ids,
  );
  assert.ok(events.every((e) => e.counts?.total === 120 && Buffer.byteLength(JSON.stringify(e)) < 7_900));
  const quiet = await Promise.race([received.next(), new Promise((resolve) => setTimeout(() => resolve('none'), 50))]);
  assert.equal(quiet, 'none', 'an event without ids is not published');
  await received.return?.();
  await bus.close();
});
