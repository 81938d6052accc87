/**
 * The source phase and the extraction after it, against the wire (real Dovecot, real PostgreSQL),
 * for what goes wrong while they write: a transient database error must not mark good mail broken
 * (issue 8, item 13), damaged mail keeps its source (item 18), and every message keeps its source
 * byte for byte (issue 9).
 */
import assert from 'node:assert/strict';
import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { openDatabase, type Db } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { rowsOf } from '../../db/queries/rows-of.ts';
import { mailFolders, messageBodies, messageSources, messages, type Message } from '../../db/schema/index.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { seal } from '../crypto/secret-box.ts';
import { importAccount } from './import-account.ts';
import { databaseSourceStore } from '../message-store/source-store.ts';
import { createParserPool } from '../mail/mime/parser-pool.ts';
import { EXTRACT_VERSION } from '../message-store/extract-version.ts';
import { startExtractionWorker } from '../message-store/extraction-worker.ts';
import { startSyncSupervisor, type SyncSupervisor } from './sync-supervisor.ts';
import { daysAgo, eventually, makeMessage, startSyncTestEnv, untilLive, type SyncTestEnv } from './fixtures/sync-test-env.ts';

let env: SyncTestEnv;
before(async () => {
  env = await startSyncTestEnv();
});
after(async () => {
  await env?.close();
});

test('the database fails the first three source writes and the first three body writes (serialization failure): nothing is marked broken, all arrive', async () => {
  const account = await env.createAccount('dbfail');
  await env.withImap(account, async (client) => {
    for (let i = 0; i < 6; i++) {
      await client.append('INBOX', makeMessage({ subject: `good ${i}`, id: `dbfail-${i}@example.com` }), [], daysAgo(1));
    }
  });
  // A failure from inside PostgreSQL, not a stub of our code: the first three statements that
  // store sources (the import) and the first three that insert bodies (the extraction worker)
  // fail with SQLSTATE 40001, as a transaction does that loses a serialization conflict — what
  // marked a good message broken before. Sequences count them: nextval is not rolled back.
  const { db } = env.database;
  for (const table of ['message_sources', 'message_bodies']) {
    await db.execute(sql.raw(`create sequence drill_${table}_writes`));
    await db.execute(
      sql.raw(`create function drill_fail_${table}_write() returns trigger language plpgsql as $$
        begin
          if nextval('drill_${table}_writes') <= 3 then
            raise exception 'drill: could not serialize access' using errcode = 'serialization_failure';
          end if;
          return null;
        end $$`),
    );
    await db.execute(
      sql.raw(`create trigger drill_fail_${table}_write after insert on ${table}
        for each statement execute function drill_fail_${table}_write()`),
    );
  }
  const supervisor = startSyncSupervisor(env.deps());
  try {
    await eventually(
      () => env.rows(account, 'INBOX'),
      (r) => r.length === 6 && r.every((m) => m.bodyState !== 'pending'),
      30_000,
    );
    await env.extract();
    const rows = await env.rows(account, 'INBOX');
    assert.deepEqual(
      rows.filter((m) => m.bodyState !== 'done').map((m) => [m.subject, m.bodyState, m.parseError]),
      [],
      'no good message is marked broken',
    );
    const bodies = await db
      .select()
      .from(messageBodies)
      .where(
        inArray(
          messageBodies.messageId,
          rows.map((m) => m.id),
        ),
      );
    assert.equal(bodies.length, 6);
    for (const m of rows) assert.match(bodies.find((b) => b.messageId === m.id)!.text ?? '', new RegExp(`Body of ${m.subject}`));
    for (const table of ['message_sources', 'message_bodies']) {
      const [drill] = rowsOf<{ last_value: string }>(await db.execute(sql.raw(`select last_value from drill_${table}_writes`)));
      assert.ok(Number(drill!.last_value) > 3, `the database really refused three writes to ${table}`);
    }
    await untilLive(supervisor, account);
  } finally {
    await supervisor.stop();
    for (const table of ['message_sources', 'message_bodies'])
      await db.execute(sql.raw(`drop trigger drill_fail_${table}_write on ${table}`));
  }
});

test('broken MIME through the real sync: every damaged message is flagged, and every message, damaged or not, keeps its source byte for byte', async () => {
  const account = await env.createAccount('sources');
  const brokenDir = new URL('fixtures/broken-mime/', import.meta.url);
  const broken = readdirSync(brokenDir).filter((n) => n.endsWith('.eml'));
  // As they travel on the wire (RFC 5322 §2.3: CRLF); Dovecot stores and serves them so.
  const crlf = (raw: Buffer) => Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  const appended = new Map<string, Buffer>();
  await env.withImap(account, async (client) => {
    for (const name of broken) {
      const raw = crlf(readFileSync(new URL(name, brokenDir)));
      appended.set(name, raw);
      await client.append('INBOX', raw, [], daysAgo(1));
    }
    await client.append('INBOX', makeMessage({ subject: 'fine', id: 'sources-fine@example.com' }), [], daysAgo(1));
  });
  const supervisor = startSyncSupervisor(env.deps());
  try {
    await untilLive(supervisor, account);
  } finally {
    await supervisor.stop();
  }
  await env.extract();
  const rows = await env.rows(account, 'INBOX');
  assert.equal(rows.length, broken.length + 1);
  const served = await env.withImap(account, async (client) => {
    await client.mailboxOpen('INBOX');
    const byUid = new Map<number, Buffer>();
    for await (const m of client.fetch('1:*', { uid: true, source: true }, { uid: true })) byUid.set(m.uid, m.source!);
    return byUid;
  });
  const sources = await env.database.db
    .select()
    .from(messageSources)
    .where(
      inArray(
        messageSources.messageId,
        rows.map((m) => m.id),
      ),
    );
  for (const m of rows) {
    const kept = sources.find((s) => s.messageId === m.id);
    assert.ok(kept, `${m.subject}: its source is kept`);
    assert.ok(Buffer.from(kept.bytes).equals(served.get(m.uid)!), `${m.subject}: byte-identical to what the server serves`);
    assert.equal(kept.size, served.get(m.uid)!.byteLength);
    if (m.subject === 'fine') {
      assert.equal(m.parseError, null);
      continue;
    }
    assert.ok(m.parseError, `${m.subject}: flagged`);
    assert.equal(new Set(m.parseError.split('; ')).size, m.parseError.split('; ').length, `${m.subject}: each sentence once`);
  }
  // And to what was put there, for every file whose bytes the server keeps as they are: an IMAP
  // literal carries no NUL (RFC 3501 §4.3), so Dovecot stores those bytes of 12-nul-bytes as 0x80.
  const keptBytes = sources.map((s) => Buffer.from(s.bytes));
  const identical = [...appended].filter(([, raw]) => keptBytes.some((b) => b.equals(raw))).map(([name]) => name);
  assert.deepEqual(identical.sort(), broken.filter((name) => name !== '12-nul-bytes.eml').sort());
  const nul = appended.get('12-nul-bytes.eml')!;
  assert.ok(keptBytes.some((b) => b.equals(Buffer.from(nul.toString('latin1').replaceAll('\0', '\x80'), 'latin1'))));
});

test('every source through the real sync, byte for byte, on PostgreSQL and PGlite: CRLF, 8-bit (UTF-8 and Latin-1), NULs, bare LF, a 20 MB message; none is done without it', async () => {
  const account = await env.createAccount('keepall');
  const header = (subject: string, extra = '') =>
    `From: Customer <customer@example.com>\r\nTo: someone@example.test\r\nSubject: ${subject}\r\n` +
    `Date: ${daysAgo(1).toUTCString().replace('GMT', '+0000')}\r\nMessage-ID: <${subject}@keepall.test>\r\nMIME-Version: 1.0\r\n${extra}\r\n`;
  const latin1 = (text: string) => Buffer.from(text, 'latin1');
  // 15 MB of random bytes in base64 lines of 76: ≈ 20 MB on the wire.
  const big = randomBytes(15 * 1024 * 1024)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  const sent = new Map<string, Buffer>([
    ['crlf', latin1(header('crlf', 'Content-Type: text/plain; charset=us-ascii\r\n') + 'line one\r\nline two\r\n\r\n')],
    [
      'eightbit',
      Buffer.concat([
        latin1(header('eightbit', 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n')),
        Buffer.from('Grüße, café, naïve — 日本語\r\n', 'utf8'),
      ]),
    ],
    [
      'latin1',
      latin1(
        header('latin1', 'Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n') +
          'Gr\xfc\xdfe, caf\xe9, \xa9 \xff\r\n',
      ),
    ],
    ['nul', latin1(header('nul', 'Content-Type: text/plain; charset=iso-8859-1\r\n') + 'a\0b\0\0c\r\n')],
    ['barelf', latin1(header('barelf', 'Content-Type: text/plain\r\n').replaceAll('\r\n', '\n') + 'unix\nline ends\n')],
    [
      'big',
      latin1(
        header('big', 'Content-Type: multipart/mixed; boundary=b\r\n') +
          '--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\n' +
          'Content-Type: application/octet-stream; name=big.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
          big +
          '\r\n--b--\r\n',
      ),
    ],
  ]);
  await env.withImap(account, async (client) => {
    for (const raw of sent.values()) await client.append('INBOX', raw, [], daysAgo(1));
  });
  const served = await env.withImap(account, async (client) => {
    await client.mailboxOpen('INBOX');
    const byUid = new Map<number, Buffer>();
    for await (const m of client.fetch('1:*', { uid: true, source: true }, { uid: true })) byUid.set(m.uid, m.source!);
    return byUid;
  });
  const check = async (db: Db, rows: Message[]) => {
    assert.equal(rows.length, sent.size);
    assert.deepEqual(
      rows.filter((m) => m.bodyState !== 'done').map((m) => [m.subject, m.bodyState, m.parseError]),
      [],
      'all fully imported',
    );
    for (const m of rows) {
      const kept = await databaseSourceStore.get(db, m.id);
      assert.ok(kept, `${m.subject}: its source is stored`);
      assert.ok(kept.equals(served.get(m.uid)!), `${m.subject}: byte-identical to what the server serves`);
      assert.equal(m.contentHash, createHash('sha256').update(kept).digest('hex'), `${m.subject}: the hash is of these bytes`);
      const put = sent.get(m.subject)!;
      if (m.subject === 'nul') {
        // An IMAP literal carries no NUL (RFC 3501 §4.3): Dovecot stores and serves each as 0x80.
        assert.ok(
          kept.equals(Buffer.from(put.toString('latin1').replaceAll('\0', '\x80'), 'latin1')),
          'nul: as Dovecot keeps it',
        );
      } else if (m.subject === 'barelf') {
        // Dovecot serves bare LF as CRLF (RFC 5322 §2.3 line ends); the store keeps what it served.
        assert.ok(kept.equals(Buffer.from(put.toString('latin1').replaceAll('\n', '\r\n'), 'latin1')), 'barelf: as served');
      } else {
        assert.ok(kept.equals(put), `${m.subject}: byte-identical to what was appended`);
      }
      if (m.subject === 'big') assert.ok(kept.byteLength > 20_000_000, 'big: over 20 MB');
    }
  };

  // PostgreSQL (binary COPY), through the supervisor as the server runs it.
  const supervisor = startSyncSupervisor(env.deps());
  try {
    await untilLive(supervisor, account, 120_000);
  } finally {
    await supervisor.stop();
  }
  await env.extract();
  await check(env.database.db, await env.rows(account, 'INBOX'));

  // PGlite (INSERT), the same mailbox through the one-shot import into an embedded database.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-pglite-sources-'));
  const embedded = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  try {
    await migrateDatabase(embedded);
    const { accountId } = await insertTestAccount(embedded.db, {
      email: account.email,
      host: env.stack.host,
      imapPort: env.stack.ports.imaps,
      smtpPort: env.stack.ports.smtps,
      sealed: seal(account.password, env.key),
      fingerprint: new X509Certificate(env.stack.certPem).fingerprint256,
    });
    await importAccount(env.deps({ database: embedded }), accountId, { days: 30 });
    await env.extract({ db: embedded.db });
    const [inbox] = await embedded.db
      .select()
      .from(mailFolders)
      .where(and(eq(mailFolders.accountId, accountId), eq(mailFolders.path, 'INBOX')));
    await check(embedded.db, await embedded.db.select().from(messages).where(eq(messages.folderId, inbox!.id)));
  } finally {
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a runner going live wakes the extraction worker: what the import stored is indexed at once, not at the worker’s next look', async () => {
  const account = await env.createAccount('wake');
  await env.withImap(account, async (client) => {
    for (let i = 0; i < 3; i++)
      await client.append('INBOX', makeMessage({ subject: `wake ${i}`, id: `wake-${i}@example.com` }), [], daysAgo(1));
  });
  const deps = env.deps();
  const pool = createParserPool({ size: 0 });
  let supervisor: SyncSupervisor | undefined;
  // Its next look is an hour away once it has found nothing to do: only the wake can start it in time.
  const worker = startExtractionWorker({
    db: env.database.db,
    bus: deps.bus,
    pool,
    idleMs: 3_600_000,
    busy: () => supervisor?.importing() ?? false,
  });
  try {
    await worker.drained();
    supervisor = startSyncSupervisor({ ...deps, onLive: () => worker.wake() });
    const rows = await eventually(
      () => env.rows(account, 'INBOX'),
      (r) => r.length === 3 && r.every((m) => m.extractedVersion === EXTRACT_VERSION),
      30_000,
    );
    assert.deepEqual(rows.map((m) => m.snippet.trim().slice(0, 12)).sort(), ['Body of wake', 'Body of wake', 'Body of wake']);
  } finally {
    await supervisor?.stop();
    await worker.stop();
    await pool.close();
  }
});
