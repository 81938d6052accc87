/**
 * A draft saved here is taken up by the sync at once (issue 11: "resumed from any browser"): its
 * copy in Drafts is imported by a round of the folders run right after the save, not at the next
 * scheduled round (`pollIntervalMs`, 30 s in production; 10 minutes here, so only the prompt
 * round can pass). A save of what is saved already (the composer closing) queues nothing. Real
 * Dovecot, real PostgreSQL, the sync supervisor carrying out the actions.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { mailActions, mailFolders, messages } from '../../db/schema/index.ts';
import {
  eventually,
  startSyncTestEnv,
  TEST_TUNING,
  untilLive,
  type SyncTestEnv,
  type TestAccount,
} from '../sync/fixtures/sync-test-env.ts';
import { startSyncSupervisor, type SyncSupervisor } from '../sync/sync-supervisor.ts';
import { saveDraft } from './save-draft.ts';

let env: SyncTestEnv;
let sam: TestAccount;
let supervisor: SyncSupervisor;

before(async () => {
  env = await startSyncTestEnv();
  sam = await env.createAccount('sam');
  supervisor = startSyncSupervisor(env.deps({ tuning: { ...TEST_TUNING, pollIntervalMs: 600_000 } }));
  await untilLive(supervisor, sam);
});
after(async () => {
  await supervisor?.stop();
  await env?.close();
});

const request = () => ({
  accountId: sam.accountId,
  to: ['Ria <ria@example.test>'],
  cc: [],
  bcc: [],
  subject: 'Verder op de laptop',
  text: 'Half af.',
  html: null,
  replyToMessageId: null,
  forwardMessageId: null,
  forwardAsAttachment: false,
  attachmentIds: [] as string[],
});

test('a saved draft is in the Drafts list right after its APPEND, without waiting for the next round', async () => {
  const { userId } = await env.account(sam);
  const draft = await saveDraft({ db: env.database.db, bus: env.bus }, { userId, name: 'Sam' }, null, request());
  const bare = draft.messageId.replace(/^<|>$/g, '');
  const inDrafts = await eventually(
    () =>
      env.database.db
        .select({ subject: messages.subject, specialUse: mailFolders.specialUse })
        .from(messages)
        .innerJoin(mailFolders, eq(mailFolders.id, messages.folderId))
        .where(and(eq(messages.accountId, sam.accountId), eq(messages.messageId, bare))),
    (rows) => rows.length > 0,
  );
  assert.deepEqual(inDrafts, [{ subject: 'Verder op de laptop', specialUse: '\\Drafts' }]);
});

test('saved again with nothing changed (the composer closing): no new version, nothing queued', async () => {
  const { userId } = await env.account(sam);
  const deps = { db: env.database.db, bus: env.bus };
  const first = await saveDraft(deps, { userId, name: 'Sam' }, null, { ...request(), subject: 'Dicht gedaan' });
  const actions = () => env.database.db.select().from(mailActions).where(eq(mailActions.draftId, first.id));
  const again = await saveDraft(deps, { userId, name: 'Sam' }, first.id, { ...request(), subject: 'Dicht gedaan' });
  assert.equal(again.version, first.version);
  assert.equal((await actions()).length, 1);
  const changed = await saveDraft(deps, { userId, name: 'Sam' }, first.id, { ...request(), subject: 'Toch anders' });
  assert.equal(changed.version, first.version + 1);
  assert.equal((await actions()).length, 2);
});
