/**
 * Staying in sync against the wire: IDLE on INBOX, polling of the other folders, changes made by
 * another client, a Dovecot restart, a password changed on the server, and two supervisors on
 * one PostgreSQL database.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { SupervisorProcessConfig } from './fixtures/supervisor-process.ts';
import { startBlackholeProxy } from './fixtures/blackhole-proxy.ts';
import { mailAccounts, messageBodies, messages } from '../../db/schema/index.ts';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { seal } from '../crypto/secret-box.ts';
import { describeMailStack } from '../../e2e/mail-stack/index.ts';
import { startSyncSupervisor, type SyncSupervisor } from './sync-supervisor.ts';
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

let env: SyncTestEnv;
before(async () => {
  env = await startSyncTestEnv();
});
after(async () => {
  await env?.close();
});

async function liveSupervisor(account: TestAccount): Promise<SyncSupervisor> {
  const supervisor = startSyncSupervisor(env.deps());
  await untilLive(supervisor, account);
  return supervisor;
}

test('new mail delivered over LMTP is stored and announced (IDLE)', async (t) => {
  const account = await env.createAccount('idle');
  const supervisor = await liveSupervisor(account);
  try {
    const mailbox = env.mailboxEvents(account);
    const latencies: number[] = [];
    for (let n = 1; n <= 3; n++) {
      // IDLE starts right after the pass: give it a moment so the delivery meets an idling client.
      await sleep(100);
      const sent = Date.now();
      await env.stack.deliver(account.email, makeMessage({ subject: `hot lead ${n}`, id: `idle-${n}@example.com` }));
      // The state first (the row), then the event announcing it; the latency is reported, not asserted.
      await eventually(
        () => env.rows(account, 'INBOX'),
        (rows) => rows.length === n,
      );
      latencies.push(Date.now() - sent);
      const added = await mailbox.waitFor((e) => e.kind === 'MESSAGES_ADDED' && e.counts?.total === n);
      const [row] = await env.database.db.select().from(messages).where(eq(messages.id, added.messageIds[0]!));
      assert.equal(row!.subject, `hot lead ${n}`);
      assert.deepEqual(added.counts, { total: n, unread: n });
    }
    t.diagnostic(`delivery → stored: ${latencies.join(', ')} ms (Dovecot notifies IDLE after ≈ 500 ms)`);
    await eventually(
      () => env.rows(account, 'INBOX'),
      (rows) => rows.length === 3 && rows.every((m) => m.bodyState === 'done'),
    );
    mailbox.stop();
  } finally {
    await supervisor.stop();
  }
});

test('flags, deletions and moves made by another client are reflected; a moved message lives in one folder', async () => {
  const account = await env.createAccount('changes');
  await env.withImap(account, async (client) => {
    for (const n of [1, 2, 3])
      await client.append('INBOX', makeMessage({ subject: `deal ${n}`, id: `c-${n}@example.com` }), [], daysAgo(n));
  });
  const supervisor = await liveSupervisor(account);
  try {
    const mailbox = env.mailboxEvents(account);
    const uidOf = async (id: string) => (await env.rows(account, 'INBOX')).find((m) => m.messageId === id)!;
    const first = await uidOf('c-1@example.com');
    const second = await uidOf('c-2@example.com');
    const third = await uidOf('c-3@example.com');

    await env.withImap(account, async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageFlagsAdd(String(first.uid), ['\\Seen', '\\Flagged'], { uid: true });
      } finally {
        lock.release();
      }
    });
    await eventually(
      () => uidOf('c-1@example.com'),
      (m) => m.seen && m.flagged,
    );
    const updated = await mailbox.waitFor((e) => e.kind === 'MESSAGES_UPDATED' && e.messageIds.includes(first.id));
    assert.deepEqual(updated.counts, { total: 3, unread: 2 });
    const seen = await uidOf('c-1@example.com');
    assert.deepEqual([seen.seen, seen.flagged, seen.flags], [true, true, ['\\Flagged', '\\Seen']]);

    await env.withImap(account, async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageDelete(String(second.uid), { uid: true }); // STORE \Deleted + UID EXPUNGE
      } finally {
        lock.release();
      }
    });
    await eventually(
      () => env.rows(account, 'INBOX'),
      (rows) => !rows.some((m) => m.id === second.id),
    );
    const removed = await mailbox.waitFor((e) => e.kind === 'MESSAGES_REMOVED' && e.messageIds.includes(second.id));
    assert.deepEqual(removed.counts, { total: 2, unread: 1 });

    await env.withImap(account, async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageMove(String(third.uid), 'Archive', { uid: true });
      } finally {
        lock.release();
      }
    });
    await eventually(
      () => env.rows(account, 'INBOX'),
      (rows) => !rows.some((m) => m.id === third.id),
    );
    await mailbox.waitFor((e) => e.kind === 'MESSAGES_REMOVED' && e.messageIds.includes(third.id));
    const archived = await eventually(
      () => env.rows(account, 'Archive'),
      (rows) => rows.length === 1 && rows[0]!.bodyState === 'done',
    );
    assert.equal(archived[0]!.messageId, 'c-3@example.com');
    const everywhere = await env.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.accountId, account.accountId), eq(messages.messageId, 'c-3@example.com')));
    assert.equal(everywhere.length, 1, 'one row, in the folder it lives in now');
    assert.deepEqual(
      (await env.rows(account, 'INBOX')).map((m) => m.messageId),
      ['c-1@example.com'],
    );

    // A polled folder (no IDLE) that loses its last message: VANISHED on an empty mailbox.
    await env.withImap(account, async (client) => {
      const lock = await client.getMailboxLock('Archive');
      try {
        await client.messageDelete('1:*', { uid: true });
      } finally {
        lock.release();
      }
    });
    await eventually(
      () => env.rows(account, 'Archive'),
      (rows) => rows.length === 0,
    );
    await mailbox.waitFor((e) => e.kind === 'MESSAGES_REMOVED' && e.messageIds.includes(archived[0]!.id));
    assert.deepEqual(await env.rows(account, 'Archive'), []);
    mailbox.stop();
  } finally {
    await supervisor.stop();
  }
});

test('a flag set by another client in a polled folder (not INBOX) is reflected', async () => {
  const account = await env.createAccount('polled-flags');
  await env.withImap(account, async (client) => {
    for (const n of [1, 2])
      await client.append('Archive', makeMessage({ subject: `filed ${n}`, id: `pf-${n}@example.com` }), [], daysAgo(n));
  });
  const supervisor = await liveSupervisor(account);
  try {
    const mailbox = env.mailboxEvents(account);
    const rows = await eventually(
      () => env.rows(account, 'Archive'),
      (r) => r.length === 2 && r.every((m) => m.bodyState === 'done'),
    );
    const target = rows.find((m) => m.messageId === 'pf-2@example.com')!;
    assert.equal(target.seen, false);
    await env.withImap(account, async (client) => {
      const lock = await client.getMailboxLock('Archive');
      try {
        await client.messageFlagsAdd(String(target.uid), ['\\Seen'], { uid: true });
      } finally {
        lock.release();
      }
    });
    // The poller (every 500 ms in tests) sees HIGHESTMODSEQ move in LIST-STATUS and fetches CHANGEDSINCE.
    await eventually(
      () => env.rows(account, 'Archive'),
      (rows) => rows.some((m) => m.id === target.id && m.seen),
    );
    const updated = await mailbox.waitFor((e) => e.kind === 'MESSAGES_UPDATED' && e.messageIds.includes(target.id));
    assert.deepEqual(updated.counts, { total: 2, unread: 1 });
    const after = (await env.rows(account, 'Archive')).find((m) => m.id === target.id)!;
    assert.deepEqual([after.seen, after.flags], [true, ['\\Seen']]);
    mailbox.stop();
  } finally {
    await supervisor.stop();
  }
});

test('a stored password that no longer opens (key changed): reconnect_required, no login attempted', async () => {
  const account = await env.createAccount('unreadable-password');
  // Sealed under a key this deployment does not have, as after MAIL_CREDENTIALS_KEY was replaced.
  const otherKey = loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent');
  const sealed = seal('whatever', otherKey);
  await env.database.db
    .update(mailAccounts)
    .set({ imapSecretSealed: sealed.data, imapSecretKeyId: sealed.keyId })
    .where(eq(mailAccounts.id, account.accountId));
  const logPath = describeMailStack(env.stack).dovecot.logPath;
  const logins = async () => (await readFile(logPath, 'utf8')).split('\n').filter((l) => l.includes(account.email)).length;
  const before = await logins();
  const supervisor = startSyncSupervisor(env.deps());
  try {
    const error = await eventually(
      async () => supervisor.status(account.accountId),
      (status) => status?.phase === 'error',
    );
    assert.equal(error?.errorCode, 'MAIL_PASSWORD_UNREADABLE');
    const row = await env.account(account);
    assert.deepEqual([row.status, row.lastErrorCode], ['reconnect_required', 'MAIL_PASSWORD_UNREADABLE']);
    assert.match(row.lastErrorMessage ?? '', /Enter the password again/);
    await sleep(1_000);
    assert.equal(supervisor.status(account.accountId)?.phase, 'error', 'not retried');
    assert.equal(await logins(), before, 'the server never saw a login for it');
  } finally {
    await supervisor.stop();
  }
});

test('Dovecot restarted during IDLE: the runner reconnects and catches up with mail delivered meanwhile', async () => {
  const account = await env.createAccount('restart-idle');
  const supervisor = await liveSupervisor(account);
  try {
    const progress = env.progressEvents(account);
    await env.stack.restartDovecot();
    // Delivered before the runner's backoff has passed: it is not connected yet.
    await env.stack.deliver(account.email, makeMessage({ subject: 'while you were away', id: 'away@example.com' }));
    await progress.waitFor((e) => e.phase === 'connecting');
    const rows = await eventually(
      () => env.rows(account, 'INBOX'),
      (r) => r.length === 1 && r[0]!.bodyState === 'done',
    );
    assert.equal(rows[0]!.subject, 'while you were away');
    await untilLive(supervisor, account);
    // And IDLE works again on the new connection.
    await sleep(100);
    await env.stack.deliver(account.email, makeMessage({ subject: 'after the restart', id: 'after@example.com' }));
    await eventually(
      () => env.rows(account, 'INBOX'),
      (r) => r.length === 2,
    );
    progress.stop();
  } finally {
    await supervisor.stop();
  }
});

test('a silent network cut (no RST, no FIN): the account leaves live while cut, and mail sent meanwhile arrives once the path is back (issue 8 item 12)', async () => {
  const account = await env.createAccount('silent-cut');
  const proxy = await startBlackholeProxy({ host: env.stack.host, port: env.stack.ports.imaps });
  let supervisor: SyncSupervisor | undefined;
  try {
    await env.database.db.update(mailAccounts).set({ imapPort: proxy.port }).where(eq(mailAccounts.id, account.accountId));
    // Liveness turned down so the test is quick; the defaults are in imap-timeouts.ts.
    const tuning = {
      ...TEST_TUNING,
      imapTimeouts: { connectMs: 2_000, socketMs: 1_000 },
      backoff: { baseMs: 200, maxMs: 1_000, factor: 2 },
    };
    supervisor = startSyncSupervisor(env.deps({ tuning }));
    await untilLive(supervisor, account);
    await eventually(
      () => env.account(account),
      (row) => row.syncState === 'live',
    );

    proxy.blackhole();
    await env.stack.deliver(account.email, makeMessage({ subject: 'sent during the cut', id: 'cut@example.com' }));
    const cut = await eventually(
      () => env.account(account),
      (row) => row.syncState === 'connecting',
    );
    assert.equal(cut.status, 'connected', 'nothing for the person to fix');
    assert.equal(cut.lastErrorCode, 'MAIL_CONNECTION_FAILED', 'and the reason is shown');
    assert.ok(cut.lastErrorMessage);
    assert.equal(supervisor.status(account.accountId)?.phase, 'connecting');
    assert.deepEqual(await env.rows(account, 'INBOX'), [], 'nothing came through the cut');

    proxy.restore();
    const rows = await eventually(
      () => env.rows(account, 'INBOX'),
      (r) => r.length === 1 && r[0]!.bodyState === 'done',
    );
    assert.equal(rows[0]!.subject, 'sent during the cut');
    const back = await eventually(
      () => env.account(account),
      (row) => row.syncState === 'live',
    );
    assert.deepEqual([back.lastErrorCode, back.lastErrorMessage], [null, null], 'live again, the reason is cleared');
  } finally {
    await supervisor?.stop();
    await proxy.close();
  }
});

test('a password changed on the server: the runner stops, the account needs reconnecting, no retry storm; the new password entered, it syncs again', async () => {
  const account = await env.createAccount('wrong-password');
  // It worked once; then the password is changed elsewhere (webmail) and the next login fails.
  await (await liveSupervisor(account)).stop();
  await env.stack.setPassword(account.email, 'changed-elsewhere');
  const logPath = describeMailStack(env.stack).dovecot.logPath;
  const failedLogins = async () =>
    (await readFile(logPath, 'utf8')).split('\n').filter((line) => line.includes('auth failed') && line.includes(account.email))
      .length;
  const supervisor = startSyncSupervisor(env.deps());
  try {
    const error = await eventually(
      async () => supervisor.status(account.accountId),
      (status) => status?.phase === 'error',
    );
    assert.equal(error?.errorCode, 'MAIL_AUTH_FAILED');
    const row = await env.account(account);
    assert.deepEqual(
      [row.status, row.syncState, row.lastErrorCode, row.syncLeaseHolder],
      ['reconnect_required', 'error', 'MAIL_AUTH_FAILED', null],
    );
    assert.match(row.lastErrorMessage ?? '', /password/);
    assert.equal(await failedLogins(), 1, 'one failed login, not one per connection');
    await supervisor.refresh(); // a refresh must not restart it either
    await sleep(1_500);
    assert.equal(await failedLogins(), 1, 'no further login attempts');
    assert.equal(supervisor.status(account.accountId)?.phase, 'error');

    // The owner enters the new password; E-mail options saves it as updateMailAccount does
    // (sealed, status connected, updated_at now) and refreshes the supervisor: a new runner starts.
    const sealed = seal('changed-elsewhere', env.deps().credentialsKey);
    await env.database.db
      .update(mailAccounts)
      .set({
        imapSecretSealed: sealed.data,
        imapSecretKeyId: sealed.keyId,
        status: 'connected',
        lastErrorCode: null,
        lastErrorMessage: null,
        updatedAt: new Date(),
      })
      .where(eq(mailAccounts.id, account.accountId));
    await supervisor.refresh();
    await untilLive(supervisor, account);
    assert.equal(await failedLogins(), 1, 'the new password was accepted');
    // The row follows the in-memory status by one write.
    await eventually(
      async () => [(await env.account(account)).status, (await env.account(account)).syncState],
      ([status, state]) => status === 'connected' && state === 'live',
    );
  } finally {
    await supervisor.stop();
  }
});

test('two supervisors on one database: one holds the lease; when it stops, the other takes over at once', async () => {
  const account = await env.createAccount('lease');
  await env.withImap(account, (client) => client.append('INBOX', makeMessage({ subject: 'leased', id: 'lease@example.com' })));
  // No sweep and no refresh during the test: only the release announced on the bus can hand the account over.
  const tuning = { ...TEST_TUNING, leaseSweepMs: 60 * 60_000, refreshIntervalMs: 60 * 60_000 };
  const a = startSyncSupervisor(env.deps({ holderId: 'process-a', tuning }));
  const b = startSyncSupervisor(env.deps({ holderId: 'process-b', tuning }));
  try {
    await Promise.all([a.refresh(), b.refresh(), a.refresh(), b.refresh()]);
    const holders = [a, b].filter((s) => s.status(account.accountId) !== undefined);
    assert.equal(holders.length, 1, 'exactly one supervisor syncs the account');
    const [holder] = holders;
    const other = holder === a ? b : a;
    await untilLive(holder!, account);
    assert.equal((await env.account(account)).syncLeaseHolder, holder === a ? 'process-a' : 'process-b');
    await other.refresh();
    assert.equal(other.status(account.accountId), undefined, 'the other still keeps its hands off');
    assert.equal((await env.rows(account, 'INBOX')).length, 1);

    await holder!.stop();
    // (The other may already have taken it: the release is announced before stop() returns.)
    assert.notEqual((await env.account(account)).syncLeaseHolder, holder === a ? 'process-a' : 'process-b', 'released');
    await untilLive(other, account);
    assert.equal((await env.account(account)).syncLeaseHolder, other === a ? 'process-a' : 'process-b');
    assert.equal((await env.rows(account, 'INBOX')).length, 1, 'nothing imported twice');
  } finally {
    await a.stop();
    await b.stop();
  }
});

test('the lease holder killed with SIGKILL: another process resumes the account once the lease runs out (issue 8 item 15)', async () => {
  const account = await env.createAccount('failover');
  const config: SupervisorProcessConfig = {
    databaseUrl: env.databaseUrl,
    keyText: env.keyText,
    holderId: 'process-a',
    tuning: TEST_TUNING,
  };
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './scripts/register-server-only.mjs',
      'lib/sync/fixtures/supervisor-process.ts',
      JSON.stringify(config),
    ],
    { cwd: fileURLToPath(new URL('../../', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit');
  let b: SyncSupervisor | undefined;
  try {
    await eventually(
      () => env.account(account),
      (row) => row.syncLeaseHolder === 'process-a' && row.syncState === 'live',
    );
    // Only the lease sweep can hand the account over (no refresh during the test).
    b = startSyncSupervisor(env.deps({ holderId: 'process-b', tuning: { ...TEST_TUNING, refreshIntervalMs: 60 * 60_000 } }));
    await b.refresh();
    assert.equal(b.status(account.accountId), undefined, 'B keeps its hands off while A renews');
    child.kill('SIGKILL');
    await exited;
    assert.equal((await env.account(account)).syncLeaseHolder, 'process-a', 'a crash releases nothing');
    await untilLive(b, account);
    assert.equal((await env.account(account)).syncLeaseHolder, 'process-b');
    await env.stack.deliver(account.email, makeMessage({ subject: 'after the crash', id: 'after-crash@example.com' }));
    await eventually(
      () => env.rows(account, 'INBOX'),
      (rows) => rows.some((m) => m.subject === 'after the crash'),
    );
  } finally {
    child.kill('SIGKILL');
    await b?.stop();
  }
});

test('a lease taken over while running (this process stalled past the TTL): the runner stops and stores nothing more', async () => {
  const account = await env.createAccount('lease-lost');
  const a = startSyncSupervisor(env.deps({ holderId: 'process-a' }));
  let b: SyncSupervisor | undefined;
  try {
    await untilLive(a, account);
    // As if process A had stalled: its lease ran out and process B took the account.
    await env.database.db
      .update(mailAccounts)
      .set({ syncLeaseHolder: 'process-b', syncLeaseExpiresAt: sql`now() + interval '1 minute'` })
      .where(eq(mailAccounts.id, account.accountId));
    // A notices at its next renewal (every second in tests) and lets go.
    await eventually(
      async () => a.status(account.accountId),
      (status) => status === undefined,
    );
    await a.refresh();
    assert.equal(a.status(account.accountId), undefined, 'A does not take it back while B holds it');
    await env.stack.deliver(account.email, makeMessage({ subject: 'for the new holder', id: 'new-holder@example.com' }));
    await sleep(1_500);
    assert.equal((await env.rows(account, 'INBOX')).length, 0, 'A no longer writes');

    b = startSyncSupervisor(env.deps({ holderId: 'process-b' }));
    await untilLive(b, account);
    const rows = await eventually(
      () => env.rows(account, 'INBOX'),
      (r) => r.length === 1,
    );
    assert.equal(rows[0]!.subject, 'for the new holder');
    assert.equal((await env.account(account)).syncLeaseHolder, 'process-b');
  } finally {
    await a.stop();
    await b?.stop();
  }
});

test('a subject with a lone UTF-16 surrogate is stored as U+FFFD, not refused with its batch (and the body with it)', async () => {
  const account = await env.createAccount('surrogate');
  const supervisor = await liveSupervisor(account);
  try {
    // "A", a lone high surrogate, "B" in UTF-16LE: 41 00 00 D8 42 00 = QQAA2EIA. The subject reaches
    // us with the surrogate (imapflow's ENVELOPE decoding); mailparser's body decoder replaces it itself.
    const raw = [
      'From: Odd Sender <odd@example.com>',
      `To: ${account.email}`,
      'Subject: =?UTF-16LE?B?QQAA2EIA?=',
      'Message-ID: <surrogate@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-16le',
      'Content-Transfer-Encoding: base64',
      '',
      'QQAA2EIA',
      '',
    ].join('\r\n');
    await sleep(100);
    await env.stack.deliver(account.email, raw);
    const [row] = await eventually(
      () => env.rows(account, 'INBOX'),
      (r) => r.length === 1 && r[0]!.bodyState !== 'pending',
    );
    assert.equal(row!.subject, 'A\ufffdB');
    assert.equal(row!.bodyState, 'done');
    await env.extract();
    const [body] = await env.database.db.select().from(messageBodies).where(eq(messageBodies.messageId, row!.id));
    assert.equal(body!.text?.trim(), 'A\ufffdB');
  } finally {
    await supervisor.stop();
  }
});
