/**
 * `npm run bench:sync`: the sync engine's benchmark (issue "Sync engine", benchmark section).
 *
 *   1. seeds ≥ 10,000 messages over 180 days into the test Dovecot (kept in .bench-data/bench-mail
 *      and reused while it is still inside the window; see seed-maildir.ts),
 *   2. (a) the floor: a bare imapflow fetch of every source in the 180- and 30-day windows, the
 *      fastest of three passes; and `mbsync` (isync) pulling the same mailbox into a Maildir, a peer,
 *   3. (b) the product's importAccount into fresh PostgreSQL, 180 and 30 days, with peak RSS,
 *      and (b′) the product server itself: the app as `npm start` runs it, the mailbox connected
 *      through GraphQL, 180 days, timed to list complete, fully imported and indexed, with the
 *      server process's RSS before, during and after,
 *   4. (c) new-mail latency: LMTP → Dovecot EXISTS and LMTP → mailboxChanged over graphql-ws,
 * then prints one table with the targets. A script, not a test: it asserts nothing and exits 0
 * unless it could not run.
 *
 * Options: --messages N (default 10000), --seed N, --samples N (latency, default 60),
 * --only floor,import,server,latency (the corpus is always ensured).
 * Needs root (Dovecot), PostgreSQL at TEST_POSTGRES_URL, and `next build` output (built once if missing).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startMailStack, type MailStack } from '../../e2e/mail-stack/index.ts';
import type { BenchMailbox } from './bench-imap.ts';
import { machineFacts } from './machine-facts.ts';
import { fastestFloor, measureFloor } from './measure-floor.ts';
import { measureImport } from './measure-import.ts';
import { measureLatency } from './measure-latency.ts';
import { measureMbsync, mbsyncVersion } from './measure-mbsync.ts';
import { measureServer } from './measure-server.ts';
import { formatReport, type BenchReport } from './report.ts';
import { ensureCorpus } from './seed-maildir.ts';

const STACK_DIR = fileURLToPath(new URL('../../.bench-data/bench-mail', import.meta.url));

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261127' },
    samples: { type: 'string', default: '60' },
    only: { type: 'string', default: 'floor,import,server,latency' },
  },
});
const count = Number(args.messages);
const seed = Number(args.seed);
const only = new Set(args.only.split(','));
const log = (line: string) => console.error(`[bench] ${line}`);
/** Timed floor passes after the warm-up; the fastest is reported. */
const FLOOR_PASSES = 3;
/** mbsync passes (each a fresh Maildir, ≈ 6 s for 10k); the fastest is reported. */
const MBSYNC_PASSES = 2;

/** Child processes (imports) to end if we are interrupted. */
const children = new Set<number>();
let stack: MailStack | undefined;

async function main(): Promise<BenchReport> {
  const report: BenchReport = { facts: await machineFacts(), errors: [] };
  // Dovecot's high-performance login mode, as a busy server runs it: the floor, mbsync and the
  // product all connect to this one Dovecot, so the mode is the same for all three.
  stack = await startMailStack({ dir: STACK_DIR, highPerformanceLogin: true });
  log(`mail stack in ${STACK_DIR}: imaps ${stack.ports.imaps}, lmtp ${stack.ports.lmtp}`);
  const mailbox = (local: string, password: string): BenchMailbox => ({
    host: stack!.host,
    imapsPort: stack!.ports.imaps,
    imapPort: stack!.ports.imap,
    certPem: stack!.certPem,
    email: `${local}@bench.test`,
    password,
  });
  // One mailbox per corpus size, so a quick small run does not throw the 10k corpus away.
  const corpusMailbox = mailbox(`corpus${count}`, 'bench-corpus-pw');

  log(`ensuring the corpus: seed ${seed}, ${count} messages`);
  report.seed = await ensureCorpus(stack, {
    seed,
    count,
    spanDays: 179.5,
    mailbox: corpusMailbox,
    ownerName: 'Bench Owner',
    log,
  });
  log(report.seed.reused ? 'corpus reused' : `corpus written in ${report.seed.writeMs} ms, indexed in ${report.seed.indexMs} ms`);

  if (only.has('floor') || only.has('import') || only.has('server')) {
    // The first pass warms the page cache and Dovecot's index for everyone after it; the floor is
    // then the fastest of three passes: on a shared machine a single pass measures the neighbours too.
    await measureFloor(corpusMailbox, 180);
    report.floor180 = await fastestFloor(corpusMailbox, 180, FLOOR_PASSES);
    report.floor30 = await fastestFloor(corpusMailbox, 30, FLOOR_PASSES);
    report.floorPlain = await fastestFloor(corpusMailbox, 180, FLOOR_PASSES, { plain: true });
    log(
      `floor: 180 d ${report.floor180.ms.toFixed(0)} ms, 30 d ${report.floor30.ms.toFixed(0)} ms, 180 d without TLS ${report.floorPlain.ms.toFixed(0)} ms (passes: ${report.floor180.passesMs.map((ms) => ms.toFixed(0)).join(', ')} ms)`,
    );
    const version = await mbsyncVersion();
    if (version) {
      const passes = [];
      for (let i = 0; i < MBSYNC_PASSES; i++) passes.push(await measureMbsync(corpusMailbox, version));
      report.mbsync = passes.reduce((best, pass) => (pass.ms < best.ms ? pass : best));
      report.mbsyncPassesMs = passes.map((pass) => pass.ms);
      log(`mbsync: ${passes.map((pass) => pass.ms.toFixed(0)).join(', ')} ms`);
    } else {
      report.errors.push('mbsync: not installed (Debian package isync); no peer figure');
    }
  }
  if (only.has('import')) {
    for (const days of [180, 30] as const) {
      const expected = (days === 180 ? report.floor180 : report.floor30)!.messages;
      log(`import ${days} d (${expected} messages)…`);
      const outcome = await measureImport({ days, mailbox: corpusMailbox, smtpsPort: stack.ports.smtps, expected }, (pid) =>
        children.add(pid),
      );
      children.clear();
      if (days === 180) report.import180 = outcome;
      else report.import30 = outcome;
      log(outcome.ok ? `import ${days} d: ${outcome.result.ms} ms` : `import ${days} d: ${outcome.reason}`);
      if (!outcome.ok && outcome.reason.includes('missing')) break;
    }
  }
  if (only.has('server')) {
    const floor = report.floor180!;
    log(`server: the app as npm start runs it, ${floor.messages} messages over 180 d connected through GraphQL…`);
    report.server180 = await measureServer(
      {
        days: 180,
        mailbox: corpusMailbox,
        smtpsPort: stack.ports.smtps,
        expected: floor.messages,
        expectedInbox: floor.perFolder.INBOX ?? 0,
        log,
      },
      stack.certPem,
    );
    if (!report.server180.ok) log(`server: ${report.server180.reason}`);
  }
  if (only.has('latency')) {
    log('new-mail latency…');
    try {
      report.latency = await measureLatency(stack, {
        mailbox: mailbox('latency', 'bench-latency-pw'),
        samples: Number(args.samples),
        log,
      });
    } catch (error) {
      report.errors.push(`latency: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return report;
}

async function shutdown(): Promise<void> {
  for (const pid of children) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await stack?.stop();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void shutdown().finally(() => process.exit(130));
  });
}

const started = Date.now();
try {
  const report = await main();
  console.log(formatReport(report));
  console.log(`\n(benchmark run took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
} catch (error) {
  console.error('bench:sync failed:', error);
  process.exitCode = 1;
} finally {
  await shutdown();
}
// The app child and imapflow sockets are closed; a stray timer must not keep the run alive.
process.exit(process.exitCode ?? 0);
