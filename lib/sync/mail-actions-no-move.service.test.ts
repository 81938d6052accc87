/**
 * Actions on a server without MOVE (RFC 6851) and without CONDSTORE, as older servers are:
 * Dovecot announcing a capability list without them. A move is COPY + \Deleted + UID EXPUNGE
 * (RFC 4315), the row still follows the COPYUID, and the flags reconcile (a UID FETCH of every
 * stored UID here) leaves a pending change alone.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { CAPABILITIES_WITHOUT_CONDSTORE } from '../../e2e/mail-stack/dovecot-config.ts';
import { mailActions, messages } from '../../db/schema/index.ts';
import { requestMailActions } from '../mail-actions/request-mail-actions.ts';
import { daysAgo, eventually, makeMessage, startSyncTestEnv, untilLive, type SyncTestEnv } from './fixtures/sync-test-env.ts';
import { startSyncSupervisor } from './sync-supervisor.ts';

let env: SyncTestEnv;
before(async () => {
  env = await startSyncTestEnv({ imapCapability: CAPABILITIES_WITHOUT_CONDSTORE.replace(' MOVE ', ' ') });
});
after(async () => {
  await env?.close();
});

test('without MOVE: COPY, \\Deleted and UID EXPUNGE; the row follows; a seen flag survives the full flags reconcile', async () => {
  const account = await env.createAccount('old-server');
  await env.withImap(account, async (client) => {
    assert.equal(client.capabilities.has('MOVE'), false);
    for (const n of [1, 2])
      await client.append('INBOX', makeMessage({ subject: `old ${n}`, id: `old-${n}@example.com` }), [], daysAgo(n));
  });
  const supervisor = startSyncSupervisor(env.deps());
  try {
    await untilLive(supervisor, account);
    const { userId } = await env.account(account);
    const rows = await env.rows(account, 'INBOX');
    const one = rows.find((m) => m.messageId === 'old-1@example.com')!;
    const two = rows.find((m) => m.messageId === 'old-2@example.com')!;
    const deps = { db: env.database.db, bus: env.bus };
    const archive = await env.folder(account, 'Archive');
    const move = await requestMailActions(deps, userId, { type: 'move', messageIds: [one.id], folderId: archive.id });
    const seen = await requestMailActions(deps, userId, { type: 'mark', messageIds: [two.id], seen: true });
    for (const action of [...move.actions, ...seen.actions]) {
      const done = await eventually(
        async () => (await env.database.db.select().from(mailActions).where(eq(mailActions.id, action.id)))[0]!,
        (a) => a.state !== 'pending' && a.state !== 'running',
      );
      assert.equal(done.state, 'done', `${action.kind}: ${done.lastError}`);
    }
    const onServer = await env.withImap(account, async (client) => {
      const read = async (path: string) => {
        const lock = await client.getMailboxLock(path, { readOnly: true });
        try {
          const found: Array<[string, string[]]> = [];
          if (client.mailbox && client.mailbox.exists)
            for await (const m of client.fetch('1:*', { envelope: true, flags: true }))
              found.push([m.envelope!.messageId!, [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort()]);
          return found;
        } finally {
          lock.release();
        }
      };
      return { inbox: await read('INBOX'), archive: await read('Archive') };
    });
    assert.deepEqual(onServer.inbox, [['<old-2@example.com>', ['\\Seen']]], 'expunged from INBOX, not left \\Deleted');
    assert.deepEqual(onServer.archive, [['<old-1@example.com>', []]]);
    const [moved] = await env.database.db.select().from(messages).where(eq(messages.id, one.id));
    assert.deepEqual([moved!.folderId, moved!.hiddenBy], [archive.id, null], 'COPYUID from COPY: the row follows');
    // A few poll rounds later (each a full UID FETCH of the flags here), nothing was undone or doubled.
    await env.stack.deliver(account.email, makeMessage({ subject: 'later', id: 'old-3@example.com' }));
    await eventually(
      () => env.rows(account, 'INBOX'),
      (r) => r.length === 2,
    );
    const all = await env.database.db.select().from(messages).where(eq(messages.accountId, account.accountId));
    assert.deepEqual(all.map((m) => [m.messageId, m.seen]).sort(), [
      ['old-1@example.com', false],
      ['old-2@example.com', true],
      ['old-3@example.com', false],
    ]);
  } finally {
    await supervisor.stop();
  }
});
