/**
 * Folder management on the mail server (issue 10), against the wire: each change requested as the
 * API does (requestFolderAction), carried out by the runner holding the lease, read back by a
 * second IMAP client and in the stored folder list; special-use folders and other users' folders
 * refused; a name the server already has fails and is announced; a folder with mail the store
 * does not hold (outside the import window) is not deleted.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { mailActions, mailFolders, messages, type MailAction } from '../../db/schema/index.ts';
import type { FolderActionRequest } from '../mail-folders/plan-folder-action.ts';
import { requestFolderAction } from '../mail-folders/request-folder-action.ts';
import {
  daysAgo,
  eventually,
  makeMessage,
  startSyncTestEnv,
  untilLive,
  type SyncTestEnv,
  type TestAccount,
} from './fixtures/sync-test-env.ts';
import { startSyncSupervisor } from './sync-supervisor.ts';

let env: SyncTestEnv;
before(async () => {
  env = await startSyncTestEnv();
});
after(async () => {
  await env?.close();
});

async function request(account: TestAccount, body: FolderActionRequest) {
  const { userId } = await env.account(account);
  return requestFolderAction({ db: env.database.db, bus: env.bus }, userId, body);
}

async function untilDone(action: MailAction) {
  return eventually(
    async () => (await env.database.db.select().from(mailActions).where(eq(mailActions.id, action.id)))[0]!,
    (a) => a.state === 'done' || a.state === 'failed',
  );
}

/** The folder paths the server has, as another client lists them. */
async function onServer(account: TestAccount): Promise<string[]> {
  return env.withImap(account, async (client) => (await client.list()).map((f) => f.path).sort());
}

async function stored(account: TestAccount): Promise<string[]> {
  const rows = await env.database.db.select().from(mailFolders).where(eq(mailFolders.accountId, account.accountId));
  return rows.map((f) => f.path).sort();
}

/** Syncs the account until live, then stops: requests then meet no runner until the next start. */
async function liveAndStop(account: TestAccount): Promise<void> {
  const supervisor = startSyncSupervisor(env.deps());
  try {
    await untilLive(supervisor, account);
  } finally {
    await supervisor.stop();
  }
}

test('create (top and nested), rename and delete are carried out on the server and in the stored list', async () => {
  const account = await env.createAccount('folders');
  const supervisor = startSyncSupervisor(env.deps());
  try {
    await untilLive(supervisor, account);
    const inbox = await env.folder(account, 'INBOX');
    assert.equal(inbox.delimiter, '/', 'the delimiter from LIST is stored');
    const mailbox = env.mailboxEvents(account);

    const work = await request(account, { type: 'create', accountId: account.accountId, name: ' Work ', parentId: null });
    assert.deepEqual([work.kind, work.state, work.folderPath], ['create_folder', 'pending', 'Work']);
    assert.equal((await untilDone(work)).state, 'done');
    assert.ok((await onServer(account)).includes('Work'));
    assert.ok((await stored(account)).includes('Work'), 'stored once done');
    await mailbox.waitFor((e) => e.kind === 'FOLDERS_CHANGED');

    const parent = await env.folder(account, 'Work');
    assert.equal(
      (
        await untilDone(
          await request(account, { type: 'create', accountId: account.accountId, name: 'Projects', parentId: parent.id }),
        )
      ).state,
      'done',
    );
    assert.ok((await onServer(account)).includes('Work/Projects'));
    const projects = await env.folder(account, 'Work/Projects');

    // A message in the subfolder, imported, so the rename can show it keeps its rows.
    await env.withImap(account, (client) =>
      client.append('Work/Projects', makeMessage({ subject: 'plan', id: 'plan@example.com' })).then(() => undefined),
    );
    const message = await eventually(
      () => env.rows(account, 'Work/Projects'),
      (rows) => rows.length === 1,
    );

    const rename = await request(account, { type: 'rename', folderId: parent.id, name: 'Clients' });
    assert.equal(rename.folderPath, 'Clients');
    assert.equal((await untilDone(rename)).state, 'done');
    const paths = await onServer(account);
    assert.ok(paths.includes('Clients') && paths.includes('Clients/Projects') && !paths.includes('Work'), paths.join());
    assert.ok((await stored(account)).includes('Clients/Projects') && !(await stored(account)).includes('Work'));
    const moved = await env.folder(account, 'Clients/Projects');
    assert.equal(moved.id, projects.id, 'the subfolder keeps its row');
    const [kept] = await env.database.db.select().from(messages).where(eq(messages.id, message[0]!.id));
    assert.equal(kept?.folderId, projects.id, 'and its stored message');

    // Not empty (a message, a subfolder): refused when asked.
    await assert.rejects(request(account, { type: 'delete', folderId: projects.id }), { code: 'MAIL_FOLDER_NOT_EMPTY' });
    await assert.rejects(request(account, { type: 'delete', folderId: parent.id }), { code: 'MAIL_FOLDER_NOT_EMPTY' });

    const empty = await request(account, { type: 'create', accountId: account.accountId, name: 'Empty', parentId: parent.id });
    await untilDone(empty);
    const del = await request(account, { type: 'delete', folderId: (await env.folder(account, 'Clients/Empty')).id });
    assert.equal((await untilDone(del)).state, 'done');
    assert.ok(!(await onServer(account)).includes('Clients/Empty'));
    assert.ok(!(await stored(account)).includes('Clients/Empty'));
    mailbox.stop();
  } finally {
    await supervisor.stop();
  }
});

test('special-use folders, INBOX and other users’ folders are refused, and nothing is stored', async () => {
  const ann = await env.createAccount('ann-folders');
  const bob = await env.createAccount('bob-folders');
  await liveAndStop(ann);
  await liveAndStop(bob);
  const trash = await env.folder(ann, 'Trash');
  assert.equal(trash.specialUse, '\\Trash');
  const inbox = await env.folder(ann, 'INBOX');
  await assert.rejects(request(ann, { type: 'rename', folderId: trash.id, name: 'Bin' }), { code: 'MAIL_FOLDER_PROTECTED' });
  await assert.rejects(request(ann, { type: 'delete', folderId: trash.id }), { code: 'MAIL_FOLDER_PROTECTED' });
  await assert.rejects(request(ann, { type: 'delete', folderId: inbox.id }), { code: 'MAIL_FOLDER_PROTECTED' });
  await assert.rejects(request(ann, { type: 'create', accountId: ann.accountId, name: 'inbox', parentId: null }), {
    code: 'BAD_USER_INPUT',
  });
  await assert.rejects(request(ann, { type: 'create', accountId: ann.accountId, name: 'a/b', parentId: null }), {
    code: 'BAD_USER_INPUT',
    field: 'name',
  });

  const bobsArchive = await env.folder(bob, 'Archive');
  await assert.rejects(request(ann, { type: 'delete', folderId: bobsArchive.id }), { code: 'NOT_FOUND' });
  await assert.rejects(request(ann, { type: 'rename', folderId: bobsArchive.id, name: 'Mine' }), { code: 'NOT_FOUND' });
  await assert.rejects(request(ann, { type: 'create', accountId: bob.accountId, name: 'Mine', parentId: null }), {
    code: 'NOT_FOUND',
  });
  await assert.rejects(request(ann, { type: 'create', accountId: ann.accountId, name: 'Mine', parentId: bobsArchive.id }), {
    code: 'NOT_FOUND',
  });
  const rows = await env.database.db.select().from(mailActions);
  assert.deepEqual(
    rows.filter((a) => a.accountId === ann.accountId || a.accountId === bob.accountId),
    [],
  );
});

test('a name the server already has fails the action and is announced as ACTION_FAILED', async () => {
  const account = await env.createAccount('dup');
  await liveAndStop(account);
  // Known here: refused at once.
  await assert.rejects(request(account, { type: 'create', accountId: account.accountId, name: 'Archive', parentId: null }), {
    code: 'MAIL_FOLDER_EXISTS',
  });
  // Made by another client while nobody syncs: only the server knows it.
  await env.withImap(account, (client) => client.mailboxCreate('Receipts').then(() => undefined));
  const create = await request(account, { type: 'create', accountId: account.accountId, name: 'Receipts', parentId: null });
  let mailbox = env.mailboxEvents(account);
  let supervisor = startSyncSupervisor(env.deps());
  try {
    const failed = await untilDone(create);
    assert.deepEqual([failed.state, failed.lastErrorCode], ['failed', 'MAIL_FOLDER_EXISTS']);
    const event = await mailbox.waitFor((e) => e.kind === 'ACTION_FAILED');
    assert.deepEqual([event.action?.kind, event.action?.errorCode], ['create_folder', 'MAIL_FOLDER_EXISTS']);
  } finally {
    mailbox.stop();
    await supervisor.stop();
  }

  // A rename onto a name only the server knows: the server's NO [ALREADYEXISTS], the same code.
  const receipts = await env.folder(account, 'Receipts');
  await env.withImap(account, (client) => client.mailboxCreate('Bills').then(() => undefined));
  const rename = await request(account, { type: 'rename', folderId: receipts.id, name: 'Bills' });
  mailbox = env.mailboxEvents(account);
  supervisor = startSyncSupervisor(env.deps());
  try {
    const failed = await untilDone(rename);
    assert.deepEqual([failed.state, failed.lastErrorCode], ['failed', 'MAIL_FOLDER_EXISTS'], failed.lastError ?? '');
    const event = await mailbox.waitFor((e) => e.kind === 'ACTION_FAILED');
    assert.deepEqual([event.action?.kind, event.folderId], ['rename_folder', receipts.id]);
    assert.ok((await onServer(account)).includes('Receipts'), 'nothing renamed');
    assert.equal((await env.folder(account, 'Receipts')).id, receipts.id);
  } finally {
    mailbox.stop();
    await supervisor.stop();
  }
});

test('a folder with mail the store does not hold (outside the import window) is not deleted', async () => {
  const account = await env.createAccount('old-mail');
  await env.withImap(account, async (client) => {
    await client.mailboxCreate('Old');
    await client.append('Old', makeMessage({ subject: 'ancient', id: 'ancient@example.com' }), [], daysAgo(400));
  });
  await liveAndStop(account);
  const old = await env.folder(account, 'Old');
  assert.equal((await env.rows(account, 'Old')).length, 0, 'outside the 30-day window: not stored');
  const del = await request(account, { type: 'delete', folderId: old.id });
  const mailbox = env.mailboxEvents(account);
  const supervisor = startSyncSupervisor(env.deps());
  try {
    const failed = await untilDone(del);
    assert.deepEqual([failed.state, failed.lastErrorCode], ['failed', 'MAIL_FOLDER_NOT_EMPTY']);
    const event = await mailbox.waitFor((e) => e.kind === 'ACTION_FAILED');
    assert.equal(event.folderId, old.id, 'the event names the folder');
    assert.ok((await onServer(account)).includes('Old'));
    const [still] = await env.database.db
      .select()
      .from(mailFolders)
      .where(and(eq(mailFolders.accountId, account.accountId), eq(mailFolders.path, 'Old')));
    assert.ok(still);
  } finally {
    mailbox.stop();
    await supervisor.stop();
  }
});
