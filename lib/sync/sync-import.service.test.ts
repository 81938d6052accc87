/**
 * The import against the wire: a real Dovecot (e2e/mail-stack) and a real PostgreSQL. Each test
 * has its own mailbox; messages get their INTERNALDATE through APPEND (RFC 3501 §6.3.11).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { attachmentBlobs, attachments, mailAccounts, messageBodies } from '../../db/schema/index.ts';
import { controlDovecot } from '../../e2e/mail-stack/dovecot.ts';
import { describeMailStack } from '../../e2e/mail-stack/index.ts';
import { importAccount } from './import-account.ts';
import { importWindowStart } from './import-window.ts';
import { startSyncSupervisor, type SyncSupervisor } from './sync-supervisor.ts';
import { daysAgo, eventually, makeMessage, startSyncTestEnv, untilLive, type SyncTestEnv } from './fixtures/sync-test-env.ts';

let env: SyncTestEnv;
before(async () => {
  env = await startSyncTestEnv();
});
after(async () => {
  await env?.close();
});

const fixtureDir = new URL('../../e2e/fixtures/mail/', import.meta.url);

async function withSupervisor<T>(fn: (supervisor: SyncSupervisor) => Promise<T>, overrides = {}): Promise<T> {
  const supervisor = startSyncSupervisor(env.deps(overrides));
  try {
    return await fn(supervisor);
  } finally {
    await supervisor.stop();
  }
}

test('only the window is imported, Inbox and Sent first; widening 30 → 60 backfills, narrowing deletes nothing', async () => {
  const account = await env.createAccount('window');
  await env.withImap(account, async (client) => {
    await client.append(
      'INBOX',
      makeMessage({ subject: 'ten days old', id: 'w-10@example.com', date: daysAgo(10) }),
      [],
      daysAgo(10),
    );
    await client.append(
      'INBOX',
      makeMessage({ subject: 'forty days old', id: 'w-40@example.com', date: daysAgo(40) }),
      [],
      daysAgo(40),
    );
    await client.append('Sent', makeMessage({ subject: 'sent reply', id: 'w-sent@example.com' }), ['\\Seen'], daysAgo(2));
    await client.append('Archive', makeMessage({ subject: 'archived', id: 'w-arch@example.com' }), ['\\Seen'], daysAgo(3));
  });
  const mailbox = env.mailboxEvents(account);
  const progress = env.progressEvents(account);
  await withSupervisor(async (supervisor) => {
    await untilLive(supervisor, account);
    await env.extract(); // the snippet comes from the stored source, after the import
    const inbox = await env.rows(account, 'INBOX');
    assert.deepEqual(
      inbox.map((m) => m.subject),
      ['ten days old'],
      'the 40-day-old message is outside the 30-day window',
    );
    const [recent] = inbox;
    assert.equal(recent!.messageId, 'w-10@example.com');
    assert.equal(recent!.bodyState, 'done');
    assert.equal(recent!.snippet, 'Body of ten days old.');
    assert.equal(recent!.seen, false);
    assert.deepEqual(
      (await env.rows(account, 'Sent')).map((m) => [m.subject, m.seen]),
      [['sent reply', true]],
    );
    assert.deepEqual(
      (await env.rows(account, 'Archive')).map((m) => m.subject),
      ['archived'],
    );
    const [body] = await env.database.db.select().from(messageBodies).where(eq(messageBodies.messageId, recent!.id));
    assert.match(body!.text ?? '', /Body of ten days old/);

    const folder = await env.folder(account, 'INBOX');
    assert.equal(folder.importedSince?.toISOString(), importWindowStart(30).toISOString());
    assert.equal(folder.serverCount, 1);
    assert.ok(folder.uidValidity && folder.uidNext && folder.highestModseq, 'the cursor is stored');
    // Live means every pass published its events; the recording may still be handing them over.
    const added = await mailbox.waitFor((e) => e.kind === 'MESSAGES_ADDED' && e.messageIds.includes(recent!.id));
    assert.deepEqual(added.counts, { total: 1, unread: 1 });
    // INBOX is imported first; of the other folders, Sent is imported first.
    const addedTo = mailbox.events.filter((e) => e.kind === 'MESSAGES_ADDED').map((e) => e.folderId);
    const sentId = (await env.folder(account, 'Sent')).id;
    const archiveId = (await env.folder(account, 'Archive')).id;
    assert.ok(addedTo.includes(folder.id));
    assert.ok(addedTo.indexOf(sentId) >= 0 && addedTo.indexOf(sentId) < addedTo.indexOf(archiveId), 'Sent before Archive');
    assert.ok(progress.events.some((e) => e.phase === 'importing'));
    // The row follows the in-memory status by one write.
    const row = await eventually(
      async () => (await env.database.db.select().from(mailAccounts).where(eq(mailAccounts.id, account.accountId)))[0]!,
      (r) => r.syncState === 'live',
    );
    assert.ok(row.lastSyncedAt);

    // Widen the window: the older message is backfilled, with 'backfilling' progress. Waits for
    // the state (rows, the folder's window), not for a progress event: events are throttled and
    // coalesced (progress-reporter.ts), so one naming INBOX may never be sent when both loops
    // backfill at once (issue 8 item 21: this wait failed under load).
    env.days.set(account.tenantId, 60);
    await supervisor.refresh();
    await eventually(
      () => env.rows(account, 'INBOX'),
      (rows) => rows.length === 2 && rows.every((m) => m.bodyState === 'done'),
    );
    await eventually(
      async () => (await env.folder(account, 'INBOX')).importedSince?.toISOString(),
      (since) => since === importWindowStart(60).toISOString(),
    );
    // The change of phase live → backfilling is always sent at once (not throttled).
    await progress.waitFor((e) => e.phase === 'backfilling');
    await untilLive(supervisor, account);

    // Narrow it again: nothing is deleted, and "everything since 60 days" stays true.
    env.days.set(account.tenantId, 5);
    await supervisor.refresh();
    await env.withImap(account, (client) => client.append('INBOX', makeMessage({ subject: 'new', id: 'w-new@example.com' })));
    await eventually(
      () => env.rows(account, 'INBOX'),
      (rows) => rows.length === 3,
    );
    assert.equal((await env.folder(account, 'INBOX')).importedSince?.toISOString(), importWindowStart(60).toISOString());
  });
  mailbox.stop();
  progress.stop();
});

test('the .eml fixtures: bodies, inline parts, deduplicated attachments; broken MIME is kept with parse_error', async () => {
  const account = await env.createAccount('fixtures');
  const names = readdirSync(fixtureDir)
    .filter((n) => n.endsWith('.eml'))
    .sort();
  const broken = names.find((n) => n.startsWith('06-'))!;
  await env.withImap(account, async (client) => {
    // The broken message first: newest-first import reaches it last among these, so the ones after
    // it in the same batch show the sync went on.
    for (const name of [broken, ...names.filter((n) => n !== broken)]) {
      await client.append('INBOX', readFileSync(new URL(name, fixtureDir)), [], daysAgo(1));
    }
    // The attachment fixture again, under another Message-ID: its CSV must be stored once.
    const again = readFileSync(new URL('04-attachment.eml', fixtureDir), 'latin1').replace(
      /^Message-ID: .*$/im,
      'Message-ID: <copy@x>',
    );
    await client.append('INBOX', Buffer.from(again, 'latin1'), [], daysAgo(1));
  });
  await withSupervisor(async (supervisor) => {
    await untilLive(supervisor, account);
    await env.extract();
    const rows = await env.rows(account, 'INBOX');
    assert.equal(rows.length, names.length + 1);
    const damaged = rows.find((m) => m.subject === 'Invoice 2025-1187 (export)')!;
    assert.equal(damaged.bodyState, 'done', 'its source is stored');
    assert.match(damaged.parseError ?? '', /closing boundary is missing/);
    assert.match(damaged.snippet, /Please find invoice 2025-1187 attached/, 'what could be read is kept');
    for (const m of rows) assert.deepEqual([m.bodyState, m.extractedVersion], ['done', 1], m.subject);
    for (const m of rows.filter((r) => r !== damaged)) assert.equal(m.parseError, null, m.subject);

    const inline = rows.find((m) => m.subject === 'Your November update')!;
    const [logo] = await env.database.db.select().from(attachments).where(eq(attachments.messageId, inline.id));
    assert.deepEqual([logo!.inline, logo!.contentId, inline.hasAttachments], [true, 'logo-16@shop.example.net', false]);

    const offers = rows.filter((m) => m.subject === 'Angebot für Müller & Söhne');
    assert.equal(offers.length, 2);
    const csv = await env.database.db.select().from(attachments).where(eq(attachments.messageId, offers[0]!.id));
    const csvAgain = await env.database.db.select().from(attachments).where(eq(attachments.messageId, offers[1]!.id));
    assert.equal(csv[0]!.filename, 'Ansprechpartner Müller.csv');
    assert.equal(csv[0]!.contentHash, csvAgain[0]!.contentHash, 'the same file, the same content hash');
    assert.deepEqual([csv[0]!.ordinal, csv[0]!.blobHash], [0, null], 'an index into the source, no copied bytes');
    assert.equal((await env.database.db.select().from(attachmentBlobs)).length, 0);
    assert.ok(offers.every((m) => m.hasAttachments));

    const reply = rows.find((m) => m.subject === 'Meeting notes: Q1 pipeline review')!;
    assert.deepEqual(reply.references, ['20251104081244.4F2A1@mail.example.com']);
    assert.equal(reply.inReplyTo, '20251104081244.4F2A1@mail.example.com');
    assert.ok(reply.cc.length > 0);
  });
});

test('stopped in the middle of a 300-message import, a new supervisor finishes it: exactly the server’s messages', async () => {
  const account = await env.createAccount('restart');
  const ids = Array.from({ length: 300 }, (_, i) => `r-${i}@example.com`);
  await env.withImap(account, async (client) => {
    // Queued at once: imapflow pipelines the APPENDs, which saves a round trip each.
    await Promise.all(
      ids.map((id, i) =>
        client.append('INBOX', makeMessage({ subject: `message ${i}`, id, body: `Text ${i} `.repeat(40) }), [], daysAgo(1)),
      ),
    );
  });
  const small = { tuning: { ...env.deps().tuning, envelopeBatch: 50, bodyBatchMessages: 20 } };
  await withSupervisor(async () => {
    // The first envelope batch is stored: stop here (state, not the event announcing it).
    await eventually(
      async () => (await env.rows(account, 'INBOX')).length,
      (stored) => stored >= 50,
    );
  }, small);
  const interrupted = await env.rows(account, 'INBOX');
  const bodiesDone = interrupted.filter((m) => m.bodyState === 'done').length;
  assert.ok(
    interrupted.length >= 50 && bodiesDone < 300,
    `stopped mid-import (${interrupted.length} rows, ${bodiesDone} bodies)`,
  );
  assert.equal((await env.folder(account, 'INBOX')).importedSince, null, 'the import is not marked complete');

  await withSupervisor(async (supervisor) => {
    await untilLive(supervisor, account);
  }, small);
  const rows = await env.rows(account, 'INBOX');
  assert.equal(rows.length, 300);
  assert.equal(new Set(rows.map((m) => m.uid)).size, 300, 'no UID twice');
  assert.deepEqual(rows.map((m) => m.messageId).sort(), [...ids].sort());
  assert.ok(rows.every((m) => m.bodyState === 'done'));
});

test('UIDVALIDITY changed (folder deleted and recreated): rows are re-mapped, ids kept, nothing duplicated', async () => {
  const account = await env.createAccount('uidvalidity');
  const raws = [1, 2, 3].map((n) => makeMessage({ subject: `project ${n}`, id: `p-${n}@example.com`, date: daysAgo(n) }));
  await env.withImap(account, async (client) => {
    await client.mailboxCreate('Projects');
    for (const [i, raw] of raws.entries()) await client.append('Projects', raw, [], daysAgo(i + 1));
  });
  const before = await withSupervisor(async (supervisor) => {
    await untilLive(supervisor, account);
    return env.rows(account, 'Projects');
  });
  assert.equal(before.length, 3);
  const oldValidity = (await env.folder(account, 'Projects')).uidValidity;

  await env.withImap(account, async (client) => {
    await client.mailboxDelete('Projects');
    await client.mailboxCreate('Projects');
    // The same messages in another order, so the new UIDs differ from the old ones, plus one new.
    for (const [i, raw] of [...raws.entries()].reverse()) await client.append('Projects', raw, ['\\Seen'], daysAgo(i + 1));
    await client.append('Projects', makeMessage({ subject: 'project 4', id: 'p-4@example.com' }), [], daysAgo(1));
  });
  await withSupervisor(async (supervisor) => {
    await untilLive(supervisor, account);
  });
  const folder = await env.folder(account, 'Projects');
  assert.notEqual(folder.uidValidity, oldValidity);
  const after = await env.rows(account, 'Projects');
  assert.equal(after.length, 4);
  assert.ok(after.every((m) => m.uidValidity === folder.uidValidity));
  const onServer = await env.stack.readMailbox(account.email, account.password, 'Projects');
  for (const old of before) {
    const now = after.find((m) => m.messageId === old.messageId)!;
    assert.equal(now.id, old.id, `${old.messageId} keeps its row id`);
    assert.equal(now.uid, onServer.find((s) => s.messageId === `<${old.messageId}>`)!.uid, 'and points at its new UID');
    assert.equal(now.seen, true, 'flags come from the server');
  }
  assert.ok(after.every((m) => m.bodyState === 'done'));
});

test('UIDVALIDITY changed by the server rebuilding its index: every row keeps its id, with or without Message-ID, duplicates too (issue 8 item 17)', async () => {
  const account = await env.createAccount('uidvalidity-rebuilt');
  const withoutId = (raw: string) => raw.replace(/^Message-ID: .*\r\n/m, '');
  const copy = withoutId(makeMessage({ subject: 'no id, sent twice', id: 'x', date: daysAgo(4), body: 'Same bytes.' }));
  const raws = [
    makeMessage({ subject: 'with id 1', id: 'rb-1@example.com', date: daysAgo(1) }),
    makeMessage({ subject: 'with id 2', id: 'rb-2@example.com', date: daysAgo(2) }),
    withoutId(makeMessage({ subject: 'no id A', id: 'x', date: daysAgo(3) })),
    withoutId(makeMessage({ subject: 'no id B', id: 'x', date: daysAgo(3), from: 'Other <other@example.com>' })),
    copy,
    copy,
  ];
  await env.withImap(account, async (client) => {
    for (const [i, raw] of raws.entries()) await client.append('INBOX', raw, [], daysAgo(i + 1));
  });
  const before = await withSupervisor(async (supervisor) => {
    await untilLive(supervisor, account);
    return env.rows(account, 'INBOX');
  });
  assert.equal(before.length, raws.length);
  assert.ok(before.every((m) => m.bodyState === 'done'));
  const oldValidity = (await env.folder(account, 'INBOX')).uidValidity;

  // STACK-NOTES: Dovecot keeps UIDVALIDITY when only dovecot-uidlist goes (it rebuilds it from
  // its index): with Dovecot stopped, delete both, and it renumbers the mailbox.
  const description = describeMailStack(env.stack);
  const dovecot = controlDovecot(description.dovecot);
  const maildir = path.join(description.dir, 'mail', 'example.test', 'uidvalidity-rebuilt', 'Maildir');
  await dovecot.stop();
  try {
    // Dovecot's new UIDVALIDITY is the time in seconds: let the clock pass the old one.
    while (Math.floor(Date.now() / 1000) <= (oldValidity ?? 0)) await sleep(50);
    for (const name of await readdir(maildir)) {
      if (name === 'dovecot-uidlist' || name.startsWith('dovecot.index')) await rm(path.join(maildir, name));
    }
  } finally {
    await dovecot.start();
  }

  await withSupervisor(async (supervisor) => {
    await untilLive(supervisor, account);
  });
  const folder = await env.folder(account, 'INBOX');
  assert.notEqual(folder.uidValidity, oldValidity, 'the server did renumber the mailbox');
  const after = await env.rows(account, 'INBOX');
  assert.equal(after.length, raws.length, 'nothing duplicated, nothing lost');
  assert.ok(after.every((m) => m.uidValidity === folder.uidValidity));
  assert.deepEqual(after.map((m) => m.id).sort(), before.map((m) => m.id).sort(), 'every row keeps its id');
  for (const old of before) {
    const now = after.find((m) => m.id === old.id)!;
    assert.equal(now.contentHash, old.contentHash, `${old.subject}: the same message`);
  }
  const onServer = await env.stack.readMailbox(account.email, account.password);
  assert.deepEqual(after.map((m) => m.uid).sort(), onServer.map((m) => m.uid).sort(), 'rows point at the new UIDs');
});

test('importAccount: one-shot import of a small corpus (timing for the benchmark)', async (t) => {
  const account = await env.createAccount('oneshot');
  const fixtures = readdirSync(fixtureDir)
    .filter((n) => n.endsWith('.eml') && !n.startsWith('06-'))
    .map((n) => readFileSync(new URL(n, fixtureDir), 'latin1'));
  const count = 250;
  await env.withImap(account, async (client) => {
    await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const raw = fixtures[i % fixtures.length]!.replace(/^Message-ID: .*$/im, `Message-ID: <bench-${i}@example.com>`);
        return client.append('INBOX', Buffer.from(raw, 'latin1'), [], daysAgo(1 + (i % 20)));
      }),
    );
  });
  const result = await importAccount(env.deps(), account.accountId, { days: 30 });
  assert.equal(result.messages, count);
  const rows = await env.rows(account, 'INBOX');
  assert.equal(rows.length, count);
  assert.ok(rows.every((m) => m.bodyState === 'done'));
  t.diagnostic(`importAccount: ${count} messages in ${result.ms} ms = ${Math.round((count / result.ms) * 1000)} msg/s`);
});
