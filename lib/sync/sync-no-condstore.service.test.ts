/**
 * Staying in sync with a server without CONDSTORE/QRESYNC (RFC 7162), as Exchange and older
 * servers are: Dovecot announcing a capability list without them. Flags and deletions then come
 * from comparing stored UIDs with `UID FETCH … (FLAGS)`, in INBOX (IDLE) and in polled folders,
 * where a round looks inside only when STATUS moved or a periodic full check is due.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CAPABILITIES_WITHOUT_CONDSTORE } from '../../e2e/mail-stack/dovecot-config.ts';
import { startSyncSupervisor } from './sync-supervisor.ts';
import { daysAgo, eventually, makeMessage, startSyncTestEnv, untilLive, type SyncTestEnv } from './fixtures/sync-test-env.ts';

let env: SyncTestEnv;
before(async () => {
  env = await startSyncTestEnv({ imapCapability: CAPABILITIES_WITHOUT_CONDSTORE });
});
after(async () => {
  await env?.close();
});

test('without CONDSTORE: flags and deletions made elsewhere reach the store, in INBOX and in a polled folder', async () => {
  const account = await env.createAccount('no-condstore');
  await env.withImap(account, async (client) => {
    // The premise: the server really announces neither extension.
    assert.equal(client.capabilities.has('CONDSTORE'), false);
    assert.equal(client.capabilities.has('QRESYNC'), false);
    for (const n of [1, 2, 3])
      await client.append('INBOX', makeMessage({ subject: `in ${n}`, id: `in-${n}@example.com` }), [], daysAgo(n));
    for (const n of [1, 2, 3])
      await client.append('Archive', makeMessage({ subject: `arc ${n}`, id: `arc-${n}@example.com` }), [], daysAgo(n));
  });
  const supervisor = startSyncSupervisor(env.deps());
  try {
    await untilLive(supervisor, account);
    const inbox = await eventually(
      () => env.rows(account, 'INBOX'),
      (r) => r.length === 3,
    );
    const archive = await eventually(
      () => env.rows(account, 'Archive'),
      (r) => r.length === 3,
    );
    assert.ok(
      [...inbox, ...archive].every((m) => m.modseq === null),
      'no MODSEQ without CONDSTORE',
    );
    const uid = (rows: typeof inbox, id: string) => String(rows.find((m) => m.messageId === id)!.uid);

    // \Flagged alone moves none of UIDNEXT, MESSAGES, UNSEEN: the poller finds it at its periodic full check.
    await env.withImap(account, async (client) => {
      const lock = await client.getMailboxLock('Archive');
      try {
        await client.messageFlagsAdd(uid(archive, 'arc-3@example.com'), ['\\Flagged'], { uid: true });
      } finally {
        lock.release();
      }
    });
    await eventually(
      () => env.rows(account, 'Archive'),
      (r) => r.some((m) => m.messageId === 'arc-3@example.com' && m.flagged),
      15_000,
    );

    for (const [path, rows, flagged, deleted] of [
      ['INBOX', inbox, 'in-1@example.com', 'in-2@example.com'],
      ['Archive', archive, 'arc-1@example.com', 'arc-2@example.com'],
    ] as const) {
      await env.withImap(account, async (client) => {
        const lock = await client.getMailboxLock(path);
        try {
          await client.messageFlagsAdd(uid(rows, flagged), ['\\Flagged'], { uid: true });
          await client.messageDelete(uid(rows, deleted), { uid: true });
        } finally {
          lock.release();
        }
      });
      const after = await eventually(
        () => env.rows(account, path),
        (r) => r.length === rows.length - 1 && r.some((m) => m.messageId === flagged && m.flagged),
        10_000,
      );
      assert.ok(!after.some((m) => m.messageId === deleted), `${path}: the deleted message is gone`);
    }
  } finally {
    await supervisor.stop();
  }
});
