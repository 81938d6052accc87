/**
 * Actions written back to the mail server (issue 10), against the wire: each action requested as
 * the API does (requestMailActions), carried out by the runner holding the lease, and read back
 * by a second IMAP client; an action while the server is unreachable; one left over from a
 * stopped (or crashed) supervisor; a move to a folder deleted on the server meanwhile.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import { listFolderMessages } from '../../db/queries/message-list.ts';
import { mailAccounts, mailActions, messages, type MailAction } from '../../db/schema/index.ts';
import type { MailActionRequest } from '../mail-actions/plan-mail-actions.ts';
import { requestMailActions } from '../mail-actions/request-mail-actions.ts';
import { openDatabase } from '../../db/client.ts';
import { createPostgresBus } from '../events/postgres-bus.ts';
import { startBlackholeProxy } from './fixtures/blackhole-proxy.ts';
import {
  daysAgo,
  eventually,
  makeMessage,
  startSyncTestEnv,
  TEST_TUNING,
  untilLive,
  type SyncTestEnv,
  type TestAccount,
} from './fixtures/sync-test-env.ts';
import { startSyncSupervisor, type SyncSupervisor } from './sync-supervisor.ts';

let env: SyncTestEnv;
before(async () => {
  env = await startSyncTestEnv();
});
after(async () => {
  await env?.close();
});

/** An account with `n` messages in INBOX (Message-IDs `<prefix>-1@example.com` …). */
async function accountWith(localPart: string, n: number): Promise<TestAccount> {
  const account = await env.createAccount(localPart);
  await env.withImap(account, async (client) => {
    for (let i = 1; i <= n; i++)
      await client.append(
        'INBOX',
        makeMessage({ subject: `${localPart} ${i}`, id: `${localPart}-${i}@example.com` }),
        [],
        daysAgo(i),
      );
  });
  return account;
}

async function request(account: TestAccount, body: MailActionRequest) {
  const { userId } = await env.account(account);
  return requestMailActions({ db: env.database.db, bus: env.bus }, userId, body);
}

/** The stored row of a message, by its Message-ID's local part, wherever it is now. */
async function row(account: TestAccount, id: string) {
  const all = await env.database.db.select().from(messages).where(eq(messages.accountId, account.accountId));
  return all.find((m) => m.messageId === `${id}@example.com`);
}

async function ids(account: TestAccount, ...names: string[]): Promise<string[]> {
  return Promise.all(names.map(async (name) => (await row(account, name))!.id));
}

/** What the server holds in `path`, read by another client: Message-ID → flags. */
async function onServer(account: TestAccount, path: string): Promise<Map<string, string[]>> {
  return env.withImap(account, (client) => readFolder(client, path));
}

async function readFolder(client: ImapFlow, path: string): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    if (client.mailbox && client.mailbox.exists === 0) return found;
    for await (const m of client.fetch('1:*', { envelope: true, flags: true })) {
      found.set(m.envelope!.messageId!.replace(/[<>]/g, ''), [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort());
    }
  } finally {
    lock.release();
  }
  return found;
}

async function actionState(action: MailAction) {
  const [stored] = await env.database.db.select().from(mailActions).where(eq(mailActions.id, action.id));
  return stored!;
}

async function untilDone(action: MailAction) {
  return eventually(
    () => actionState(action),
    (a) => a.state === 'done' || a.state === 'failed',
  );
}

test('each action is carried out on the server and read back by another client, in bulk', async () => {
  const account = await accountWith('acts', 5);
  const supervisor = startSyncSupervisor(env.deps());
  try {
    await untilLive(supervisor, account);
    const [one, two, three, four, five] = await ids(account, 'acts-1', 'acts-2', 'acts-3', 'acts-4', 'acts-5');

    // Seen, at once here (optimistic), then on the server.
    const seen = await request(account, { type: 'mark', messageIds: [one!, two!, three!], seen: true });
    assert.equal((await row(account, 'acts-1'))!.seen, true, 'the local change is immediate');
    assert.equal((await untilDone(seen.actions[0]!)).state, 'done');
    let inbox = await onServer(account, 'INBOX');
    assert.deepEqual(
      ['acts-1', 'acts-2', 'acts-3', 'acts-4'].map((id) => inbox.get(`${id}@example.com`)),
      [['\\Seen'], ['\\Seen'], ['\\Seen'], []],
    );

    await untilDone((await request(account, { type: 'mark', messageIds: [one!], seen: false })).actions[0]!);
    await untilDone((await request(account, { type: 'flag', messageIds: [two!, three!], flagged: true })).actions[0]!);
    await untilDone((await request(account, { type: 'flag', messageIds: [three!], flagged: false })).actions[0]!);
    inbox = await onServer(account, 'INBOX');
    assert.deepEqual(
      ['acts-1', 'acts-2', 'acts-3'].map((id) => inbox.get(`${id}@example.com`)),
      [[], ['\\Flagged', '\\Seen'], ['\\Seen']],
    );

    // Move: hidden from INBOX at once; then on the server in Archive, and the same row now there.
    const archive = await env.folder(account, 'Archive');
    const mailbox = env.mailboxEvents(account);
    const move = await request(account, { type: 'move', messageIds: [one!, four!], folderId: archive.id });
    const inboxFolder = await env.folder(account, 'INBOX');
    const listed = await listFolderMessages(env.database.db, inboxFolder.id, 50);
    assert.ok(!listed.some((m) => m.id === one || m.id === four), 'moved messages leave the list at once');
    assert.equal((await untilDone(move.actions[0]!)).state, 'done');
    assert.deepEqual([...(await onServer(account, 'Archive')).keys()].sort(), ['acts-1@example.com', 'acts-4@example.com']);
    assert.ok(!(await onServer(account, 'INBOX')).has('acts-1@example.com'));
    const moved = (await row(account, 'acts-1'))!;
    assert.deepEqual(
      [moved.id, moved.folderId, moved.hiddenBy],
      [one, archive.id, null],
      'the row follows (COPYUID), source kept',
    );
    const added = await mailbox.waitFor((e) => e.kind === 'MESSAGES_ADDED' && e.folderId === archive.id);
    assert.deepEqual([added.messageIds.sort(), added.counts], [[one, four].sort(), { total: 2, unread: 2 }]);
    mailbox.stop();

    // Delete: to Trash; again from Trash: gone for good.
    await untilDone((await request(account, { type: 'delete', messageIds: [two!] })).actions[0]!);
    assert.ok((await onServer(account, 'Trash')).has('acts-2@example.com'));
    assert.ok(!(await onServer(account, 'INBOX')).has('acts-2@example.com'));
    const trashed = (await row(account, 'acts-2'))!;
    assert.equal(trashed.folderId, (await env.folder(account, 'Trash')).id);
    const purge = await request(account, { type: 'delete', messageIds: [two!] });
    assert.equal(purge.actions[0]!.targetFolderId, null, 'already in Trash: permanent');
    await untilDone(purge.actions[0]!);
    assert.ok(!(await onServer(account, 'Trash')).has('acts-2@example.com'));
    assert.equal(await row(account, 'acts-2'), undefined);

    // Spam: to Junk.
    await untilDone((await request(account, { type: 'spam', messageIds: [three!, five!] })).actions[0]!);
    assert.deepEqual([...(await onServer(account, 'Junk')).keys()].sort(), ['acts-3@example.com', 'acts-5@example.com']);

    // The sync agrees afterwards: nothing reappears, nothing is imported twice.
    await eventually(
      async () => (await env.database.db.select().from(messages).where(eq(messages.accountId, account.accountId))).length,
      (n) => n === 4,
    );
    await env.stack.deliver(account.email, makeMessage({ subject: 'after the actions', id: 'acts-6@example.com' }));
    await eventually(
      () => row(account, 'acts-6'),
      (m) => m !== undefined,
    );
    const all = await env.database.db.select().from(messages).where(eq(messages.accountId, account.accountId));
    assert.equal(all.length, 5, 'four left, one new: no duplicate from the moves');
    assert.ok(all.every((m) => m.hiddenBy === null));
  } finally {
    await supervisor.stop();
  }
});

test('an action requested while the mail server is unreachable stays pending and completes once it is back', async () => {
  const account = await accountWith('cut', 2);
  const proxy = await startBlackholeProxy({ host: env.stack.host, port: env.stack.ports.imaps });
  let supervisor: SyncSupervisor | undefined;
  try {
    await env.database.db.update(mailAccounts).set({ imapPort: proxy.port }).where(eq(mailAccounts.id, account.accountId));
    const tuning = {
      ...TEST_TUNING,
      imapTimeouts: { connectMs: 2_000, socketMs: 1_000 },
      backoff: { baseMs: 200, maxMs: 1_000, factor: 2 },
    };
    supervisor = startSyncSupervisor(env.deps({ tuning }));
    await untilLive(supervisor, account);
    proxy.blackhole();
    const [one, two] = await ids(account, 'cut-1', 'cut-2');
    const flag = await request(account, { type: 'flag', messageIds: [one!, two!], flagged: true });
    await eventually(
      () => env.account(account),
      (a) => a.syncState === 'connecting',
    );
    const waiting = await actionState(flag.actions[0]!);
    assert.ok(['pending', 'running'].includes(waiting.state), `still to do while cut (${waiting.state})`);
    assert.deepEqual((await row(account, 'cut-1'))!.flagged, true, 'the local change stays meanwhile');
    assert.deepEqual([...(await onServer(account, 'INBOX')).values()], [[], []], 'the server has not seen it');

    proxy.restore();
    const done = await untilDone(flag.actions[0]!);
    assert.equal(done.state, 'done');
    assert.deepEqual([...(await onServer(account, 'INBOX')).values()], [['\\Flagged'], ['\\Flagged']]);
  } finally {
    await supervisor?.stop();
    await proxy.close();
  }
});

test('actions survive a supervisor restart, also one a crashed holder left running', async () => {
  const account = await accountWith('restart', 2);
  await (
    await liveAndStop(account)
  )();
  const [one, two] = await ids(account, 'restart-1', 'restart-2');
  // Requested while no process syncs the account: stored, nothing else.
  const seen = await request(account, { type: 'mark', messageIds: [one!], seen: true });
  const move = await request(account, { type: 'move', messageIds: [two!], folderId: (await env.folder(account, 'Archive')).id });
  // A holder that died during the move left it 'running'.
  await env.database.db.update(mailActions).set({ state: 'running', attempts: 1 }).where(eq(mailActions.id, move.actions[0]!.id));

  const supervisor = startSyncSupervisor(env.deps());
  try {
    assert.equal((await untilDone(seen.actions[0]!)).state, 'done');
    const moved = await untilDone(move.actions[0]!);
    assert.deepEqual([moved.state, moved.attempts], ['done', 2]);
    assert.deepEqual((await onServer(account, 'INBOX')).get('restart-1@example.com'), ['\\Seen']);
    assert.ok((await onServer(account, 'Archive')).has('restart-2@example.com'));
    assert.ok(!(await onServer(account, 'INBOX')).has('restart-2@example.com'));
  } finally {
    await supervisor.stop();
  }
});

test('a move to a folder deleted on the server meanwhile fails, is rolled back and announced', async () => {
  const account = await accountWith('gone', 1);
  await env.withImap(account, (client) => client.mailboxCreate('Projects').then(() => undefined));
  await (
    await liveAndStop(account)
  )();
  const projects = await env.folder(account, 'Projects');
  const [one] = await ids(account, 'gone-1');
  const mailbox = env.mailboxEvents(account);
  const move = await request(account, { type: 'move', messageIds: [one!], folderId: projects.id });
  assert.equal((await row(account, 'gone-1'))!.hiddenBy, move.actions[0]!.id, 'hidden while pending');
  await env.withImap(account, (client) => client.mailboxDelete('Projects').then(() => undefined));

  const supervisor = startSyncSupervisor(env.deps());
  try {
    const failed = await untilDone(move.actions[0]!);
    assert.deepEqual([failed.state, failed.lastErrorCode], ['failed', 'MAIL_FOLDER_GONE']);
    const back = (await row(account, 'gone-1'))!;
    assert.equal(back.hiddenBy, null, 'shown again');
    const inbox = await env.folder(account, 'INBOX');
    assert.equal(back.folderId, inbox.id);
    const event = await mailbox.waitFor((e) => e.kind === 'ACTION_FAILED');
    assert.deepEqual([event.messageIds, event.folderId, event.counts], [[one], inbox.id, { total: 1, unread: 1 }]);
    assert.equal(event.action?.errorCode, 'MAIL_FOLDER_GONE');
    assert.ok((await onServer(account, 'INBOX')).has('gone-1@example.com'), 'the message never left');
    mailbox.stop();
  } finally {
    await supervisor.stop();
  }
});

test('a move the server refuses (NO) fails and is rolled back; the session goes on', async (t) => {
  const account = await accountWith('refused', 2);
  await env.withImap(account, (client) => client.mailboxCreate('Later').then(() => undefined));
  const supervisor = startSyncSupervisor(env.deps());
  try {
    await untilLive(supervisor, account);
    await eventually(
      () => env.folder(account, 'Later').catch(() => undefined),
      (f) => f !== undefined,
    );
    const later = await env.folder(account, 'Later');
    // Deleted on the server between two polls: the folder row is still there when the action runs,
    // so it is the server's NO [TRYCREATE] (RFC 3501 §6.4.7) that fails it — or, if a poll came
    // first, the missing folder row. Either way: failed, rolled back.
    await env.withImap(account, (client) => client.mailboxDelete('Later').then(() => undefined));
    const [one] = await ids(account, 'refused-1');
    const move = await request(account, { type: 'move', messageIds: [one!], folderId: later.id });
    const failed = await untilDone(move.actions[0]!);
    assert.equal(failed.state, 'failed');
    t.diagnostic(`failed with ${failed.lastErrorCode}: ${failed.lastError}`);
    assert.ok(['MAIL_ACTION_REFUSED', 'MAIL_FOLDER_GONE'].includes(failed.lastErrorCode!), failed.lastErrorCode!);
    assert.equal((await row(account, 'refused-1'))!.hiddenBy, null);
    // The connection was not dropped for it: the next action goes through.
    const [two] = await ids(account, 'refused-2');
    assert.equal(
      (await untilDone((await request(account, { type: 'mark', messageIds: [two!], seen: true })).actions[0]!)).state,
      'done',
    );
    assert.deepEqual((await onServer(account, 'INBOX')).get('refused-2@example.com'), ['\\Seen']);
  } finally {
    await supervisor.stop();
  }
});

test('an action requested in another process wakes the lease holder through PostgreSQL NOTIFY', async (t) => {
  const account = await accountWith('notify', 1);
  // Two handles with a LISTEN/NOTIFY bus each stand in for two server processes: the API's and
  // the one syncing the account. The runner polls the other folders only every 10 minutes, so
  // within the test's deadline only the wake-up can end its IDLE.
  const apiDb = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: '/nonexistent' });
  const syncDb = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: '/nonexistent' });
  const apiBus = await createPostgresBus(apiDb);
  const syncBus = await createPostgresBus(syncDb);
  const supervisor = startSyncSupervisor(
    env.deps({ database: syncDb, bus: syncBus, tuning: { ...TEST_TUNING, pollIntervalMs: 10 * 60_000 } }),
  );
  try {
    await untilLive(supervisor, account);
    const { userId } = await env.account(account);
    const [one] = await ids(account, 'notify-1');
    // IDLE starts right after the pass: give it a moment so the request meets an idling runner.
    await sleep(100);
    const asked = Date.now();
    const flag = await requestMailActions({ db: apiDb.db, bus: apiBus }, userId, {
      type: 'flag',
      messageIds: [one!],
      flagged: true,
    });
    assert.equal((await untilDone(flag.actions[0]!)).state, 'done');
    t.diagnostic(`request → done on the server: ${Date.now() - asked} ms (reported, not asserted)`);
    assert.deepEqual((await onServer(account, 'INBOX')).get('notify-1@example.com'), ['\\Flagged']);
  } finally {
    await supervisor.stop();
    await apiBus.close();
    await syncBus.close();
    await apiDb.close();
    await syncDb.close();
  }
});

/** Syncs the account until live; returns the stop (so the test can act while nobody holds the lease). */
async function liveAndStop(account: TestAccount): Promise<() => Promise<void>> {
  const supervisor = startSyncSupervisor(env.deps());
  await untilLive(supervisor, account);
  return () => supervisor.stop();
}
