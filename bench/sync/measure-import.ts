/**
 * (b) The product's import (lib/sync/import-account.ts) of the corpus mailbox into a fresh,
 * migrated PostgreSQL database, timed and watched for memory.
 *
 * Each import runs in a child process of its own (this file, run directly): the orchestrator has
 * generated hundreds of MB of corpus and fetched the floor, and whatever its heap kept would be
 * counted as the import's RSS. The child's RSS is the import's (parse worker threads included:
 * they live in the same process), plus Node and the loaded modules, reported as `baselineRss`.
 */
import { spawn } from 'node:child_process';
import { X509Certificate, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { and, count, eq, sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { attachments, mailFolders, messages } from '../../db/schema/index.ts';
import { createTestDatabase } from '../../e2e/support/test-database.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { loadCredentialsKey } from '../../lib/crypto/mail-credentials-key.ts';
import { seal } from '../../lib/crypto/secret-box.ts';
import { createInProcessBus } from '../../lib/events/in-process-bus.ts';
import { mailboxTopic, syncProgressTopic, type MailboxEvent, type SyncProgressEvent } from '../../lib/sync/sync-events.ts';
import { serverNodeFlags } from '../../scripts/server-node-flags.mjs';
import type { BenchMailbox } from './bench-imap.ts';

const IMPORT_ACCOUNT_FILE = fileURLToPath(new URL('../../lib/sync/import-account.ts', import.meta.url));
const RESULT_PREFIX = 'BENCH_IMPORT_RESULT ';
const SPEC_ENV = 'BENCH_IMPORT_SPEC';
/** RSS sampling period. @default 50 ms */
const SAMPLE_MS = 50;
/**
 * How long the child sits idle after indexing before "at rest" is read: past the database pool's
 * idle timeout (20 s, db/client.ts), which is when a server at rest has let its connections go.
 * @default 30 s
 */
const REST_MS = 30_000;
/** A 10k import that takes longer than this is broken, not slow. @default 15 min */
const CHILD_TIMEOUT_MS = 15 * 60_000;

export interface ImportSpec {
  days: number;
  mailbox: BenchMailbox;
  smtpsPort: number;
  /** Messages the floor found in the window: progress is measured against it. */
  expected: number;
}

export interface RssPoint {
  /** Share of `expected` messages with stored bodies, 0–1. */
  progress: number;
  rss: number;
  atMs: number;
}

export interface ImportResult {
  days: number;
  /** What importAccount returned. */
  messages: number;
  ms: number;
  /** Bytes read from the IMAP connection (TLS records included): everything the server sent. */
  bytesRead: number;
  /** Bytes of the sources stored (what the mailbox holds in the window). */
  sourceBytes: number;
  /** RSS before the import started (Node, tsx, DB pool, no parse workers yet). */
  baselineRss: number;
  peakRss: number;
  /** What the process held at the peak sample: V8 heap (used / reserved) and Buffer memory. */
  atPeak: { heapUsed: number; heapTotal: number; arrayBuffers: number };
  /** The kernel's high-water mark for the process (getrusage ru_maxrss): catches spikes between samples. */
  maxRss: number;
  rssByProgress: RssPoint[];
  samples: number;
  /** Longest gap between samples: a busy event loop delays the sampler. */
  maxSampleGapMs: number;
  /** CPU time of the process (main thread and parse workers; not Dovecot's or PostgreSQL's). */
  cpuMs: number;
  /** When the first MESSAGES_ADDED went out, and the last one for INBOX (the inbox list is complete). */
  firstAddedMs: number | null;
  inboxListMs: number | null;
  /** 1-minute load average just before the import: the machine is shared. */
  loadBefore: number;
  bodyStates: Record<string, number>;
  attachmentRows: number;
  databaseBytes: number;
  /**
   * The extraction worker, run after the import as the server runs it (lowest priority: it waits
   * while an import runs): when every stored message had its snippet, bodies, attachment index and
   * search document, counted from the import's start; the process's peak RSS while it ran.
   */
  indexedMs: number;
  indexPeakRss: number;
  /** RSS once the work is done and the process has sat idle for REST_MS (no forced GC). */
  restRss: number;
  /** What the process held then: V8 heap (used / reserved), memory outside it, Buffer memory. */
  atRest: { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
}

export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; reason: string };

/**
 * Runs one import in a child process and returns what it measured. The child runs this file
 * bundled to plain JavaScript, as the product runs (scripts/start.sh runs dist/server.mjs, no
 * TypeScript loader), so its RSS is the product's and not tsx's.
 */
export async function measureImport(spec: ImportSpec, onChild?: (pid: number) => void): Promise<ImportOutcome> {
  if (!fs.existsSync(IMPORT_ACCOUNT_FILE)) return { ok: false, reason: 'lib/sync/import-account.ts missing' };
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const outdir = path.join(root, '.bench-data', 'bench-build');
  const { bundleServer } = await import('../../scripts/bundle-server.mjs');
  await bundleServer({ entries: { 'measure-import': fileURLToPath(import.meta.url) }, outdir });
  const child = spawn(
    process.execPath,
    [
      // The server's own flags (scripts/server-node-flags): the import runs as in the product.
      ...serverNodeFlags(),
      // For profiling: BENCH_IMPORT_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' (NODE_OPTIONS refuses --cpu-prof).
      ...(process.env.BENCH_IMPORT_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      path.join(outdir, 'measure-import.mjs'),
    ],
    {
      cwd: root,
      env: { ...process.env, [SPEC_ENV]: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (child.pid) onChild?.(child.pid);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (code !== 0 || !line)
    return { ok: false, reason: `import child exited with ${code}: ${(err || out).trim().split('\n').slice(-6).join(' | ')}` };
  return { ok: true, result: JSON.parse(line.slice(RESULT_PREFIX.length)) as ImportResult };
}

/** The child: fresh database, one account, importAccount under an RSS sampler. */
async function runImport(spec: ImportSpec): Promise<ImportResult> {
  const { importAccount } = await import('../../lib/sync/import-account.ts');
  type SyncTuning = import('../../lib/sync/sync-tuning.ts').SyncTuning;
  const testDb = await createTestDatabase('crm_bench');
  try {
    const database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    const bus = createInProcessBus();
    try {
      await migrateDatabase(database);
      const db = database.db;
      const key = loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent');
      const { accountId } = await insertTestAccount(db, {
        email: spec.mailbox.email,
        host: spec.mailbox.host,
        imapPort: spec.mailbox.imapsPort,
        smtpPort: spec.smtpsPort,
        sealed: seal(spec.mailbox.password, key),
        fingerprint: new X509Certificate(spec.mailbox.certPem).fingerprint256,
        tenantName: 'Bench',
      });

      // Progress: bodies stored per folder, from the import's own (throttled) progress events.
      const doneByFolder = new Map<string, number>();
      const fraction = () => [...doneByFolder.values()].reduce((a, b) => a + b, 0) / Math.max(1, spec.expected);

      const loadBefore = os.loadavg()[0]!;
      const baselineRss = process.memoryUsage.rss();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      // The list side: envelopes arrive as MESSAGES_ADDED (per folder) before bodies are filled.
      const addedByFolder = new Map<string, { count: number; lastMs: number }>();
      let firstAddedMs: number | null = null;
      const changes = bus.subscribe<MailboxEvent>(mailboxTopic(accountId));
      void (async () => {
        for await (const event of changes) {
          if (event.kind !== 'MESSAGES_ADDED' || !event.folderId) continue;
          const at = performance.now() - started;
          firstAddedMs ??= at;
          const folder = addedByFolder.get(event.folderId) ?? { count: 0, lastMs: at };
          addedByFolder.set(event.folderId, { count: folder.count + event.messageIds.length, lastMs: at });
        }
      })();

      const rssByProgress: RssPoint[] = [];
      // 100 % is when the last body is stored, before importAccount tears down its parse workers.
      const marks = [0.25, 0.5, 0.75, 1];
      let lastRss = baselineRss;
      let peakRss = baselineRss;
      let atPeak = { heapUsed: 0, heapTotal: 0, arrayBuffers: 0 };
      let samples = 0;
      let last = started;
      let maxSampleGapMs = 0;
      const sample = () => {
        const now = performance.now();
        const rss = process.memoryUsage.rss();
        samples++;
        maxSampleGapMs = Math.max(maxSampleGapMs, now - last);
        last = now;
        if (rss > peakRss) {
          const { heapUsed, heapTotal, arrayBuffers } = process.memoryUsage();
          atPeak = { heapUsed, heapTotal, arrayBuffers };
        }
        peakRss = Math.max(peakRss, rss);
        lastRss = rss;
        const p = fraction();
        while (marks.length && p >= marks[0]!) rssByProgress.push({ progress: marks.shift()!, rss, atMs: now - started });
      };
      const sampler = setInterval(sample, SAMPLE_MS);
      // Also sample on every progress event: the 100 % mark ('live') is published before
      // importAccount closes its parse workers, and the interval might only tick after that.
      const progress = bus.subscribe<SyncProgressEvent>(syncProgressTopic(accountId));
      void (async () => {
        for await (const event of progress) {
          if (event.folderId) doneByFolder.set(event.folderId, event.done);
          sample();
        }
      })();
      let imported: { messages: number; ms: number; bytesRead: number };
      try {
        imported = await importAccount(
          {
            database,
            bus,
            credentialsKey: key,
            network: { guard: { mode: 'onsite' } },
            allowPlaintextAuth: false,
            downloadDays: async () => spec.days,
            log: (msg, extra) => console.error(`[sync] ${msg}`, extra ?? ''),
            // For experiments: BENCH_SYNC_TUNING='{"parserThreads":0}' compares tunings on one corpus.
            tuning: JSON.parse(process.env.BENCH_SYNC_TUNING ?? '{}') as Partial<SyncTuning>,
          },
          accountId,
          { days: spec.days },
        );
      } finally {
        clearInterval(sampler);
        progress.return?.();
        changes.return?.();
      }
      const cpu = process.cpuUsage(cpuBefore);
      // Progress events are throttled (250 ms): a mark the sampler did not see gets the last in-import sample.
      for (const mark of marks) rssByProgress.push({ progress: mark, rss: lastRss, atMs: performance.now() - started });

      // Then the background extraction, as the server runs it after an import.
      const { startExtractionWorker } = await import('../../lib/message-store/extraction-worker.ts');
      const { createParserPool } = await import('../../lib/mail/mime/parser-pool.ts');
      let indexPeakRss = 0;
      const indexSampler = setInterval(() => (indexPeakRss = Math.max(indexPeakRss, process.memoryUsage.rss())), SAMPLE_MS);
      const pool = createParserPool({ size: os.availableParallelism() > 2 ? 2 : 0 });
      const extraction = startExtractionWorker({ db, bus, pool, idleMs: 50 });
      try {
        await extraction.drained();
      } finally {
        await extraction.stop();
        await pool.close();
        clearInterval(indexSampler);
      }
      const indexedMs = performance.now() - started;
      indexPeakRss = Math.max(indexPeakRss, process.memoryUsage.rss());
      await new Promise((resolve) => setTimeout(resolve, REST_MS));
      const restRss = process.memoryUsage.rss();
      const { heapUsed: restHeapUsed, heapTotal: restHeapTotal, external, arrayBuffers } = process.memoryUsage();

      const [inbox] = await db
        .select({ id: mailFolders.id })
        .from(mailFolders)
        .where(and(eq(mailFolders.accountId, accountId), eq(mailFolders.path, 'INBOX')));
      const inboxListMs = (inbox && addedByFolder.get(inbox.id)?.lastMs) ?? null;
      const states = await db.select({ state: messages.bodyState, n: count() }).from(messages).groupBy(messages.bodyState);
      const [attachmentRows] = await db.select({ n: count() }).from(attachments);
      const size = (await db.execute(sql`select pg_database_size(current_database())::bigint as bytes`)) as unknown as Array<{
        bytes: string;
      }>;
      return {
        days: spec.days,
        messages: imported.messages,
        ms: imported.ms,
        bytesRead: imported.bytesRead,
        sourceBytes: Number(
          (
            (await db.execute(sql`select coalesce(sum(size), 0)::bigint as n from message_sources`)) as unknown as Array<{
              n: string;
            }>
          )[0]?.n ?? 0,
        ),
        baselineRss,
        peakRss,
        atPeak,
        maxRss: process.resourceUsage().maxRSS * 1024,
        rssByProgress,
        samples,
        maxSampleGapMs,
        cpuMs: (cpu.user + cpu.system) / 1000,
        firstAddedMs,
        inboxListMs,
        loadBefore,
        bodyStates: Object.fromEntries(states.map((s) => [s.state, s.n])),
        attachmentRows: attachmentRows?.n ?? 0,
        databaseBytes: Number(size[0]?.bytes ?? 0),
        indexedMs,
        indexPeakRss,
        restRss,
        atRest: { heapUsed: restHeapUsed, heapTotal: restHeapTotal, external, arrayBuffers },
      };
    } finally {
      await bus.close();
      await database.close();
    }
  } finally {
    await testDb.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const spec = JSON.parse(process.env[SPEC_ENV] ?? 'null') as ImportSpec | null;
  if (!spec) throw new Error(`${SPEC_ENV} is not set: run through run-sync-bench.ts`);
  runImport(spec).then(
    (result) => {
      console.log(RESULT_PREFIX + JSON.stringify(result));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
