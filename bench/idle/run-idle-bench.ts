/**
 * `npm run bench:idle`: what one live account costs in memory (issue 9). N accounts (default 200)
 * with a few messages each in a private Dovecot; the product's sync supervisor imports them and
 * goes live; RSS and heap after a full GC, over the same process with no account live. A bare
 * imapflow peer (one TLS connection idling per account) is measured the same way. See README.md.
 *
 * Options: --accounts N (default 200), --messages N per account (default 3),
 * --only product,peer, --heap-snapshot DIR (writes each side's heap at N accounts).
 * Needs root (Dovecot) and PostgreSQL at TEST_POSTGRES_URL.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startMailStack, type MailStack } from '../../e2e/mail-stack/index.ts';
import type { BenchMailbox } from '../sync/bench-imap.ts';
import { makeMessage } from '../../lib/sync/fixtures/sync-test-env.ts';
import { runIdleChild, type IdleSpec } from './idle-child.ts';
import { formatIdleReport, type IdleReport } from './idle-report.ts';

/**
 * IDLE sessions per system uid. Dovecot watches a mailbox with one inotify instance per IDLE
 * session, the kernel allows 128 per uid (fs.inotify.max_user_instances), and beyond that Dovecot
 * falls back to checking every 30 s (STACK-NOTES): stay well under it.
 */
const ACCOUNTS_PER_UID = 100;
/** First system uid for the bench users (no such users exist; Dovecot only needs the number). */
const FIRST_UID = 60_000;

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '200' },
    messages: { type: 'string', default: '3' },
    only: { type: 'string', default: 'product,peer' },
    'heap-snapshot': { type: 'string' },
  },
});
const accounts = Number(args.accounts);
const perAccount = Number(args.messages);
const only = new Set(args.only.split(','));
const log = (line: string) => console.error(`[bench:idle] ${line}`);
if (!Number.isInteger(accounts) || accounts < 2) throw new Error('--accounts must be an integer ≥ 2');

let stack: MailStack | undefined;

async function main(): Promise<IdleReport> {
  const report: IdleReport = {
    accounts,
    messagesPerAccount: perAccount,
    uids: Math.ceil(accounts / ACCOUNTS_PER_UID),
    load: os.loadavg(),
    errors: [],
  };
  // Two connections per account at most, plus room for the peer's and a reconnect's.
  stack = await startMailStack({ highPerformanceLogin: true, maxImapSessions: 3 * accounts + 50 });
  log(`mail stack: imaps ${stack.ports.imaps}`);
  const mailboxes: BenchMailbox[] = Array.from({ length: accounts }, (_, i) => ({
    host: stack!.host,
    imapsPort: stack!.ports.imaps,
    imapPort: stack!.ports.imap,
    certPem: stack!.certPem,
    email: `idle${i}@bench.test`,
    password: `idle-pw-${i}`,
  }));
  await stack.addUsers(
    mailboxes.map((m, i) => ({ email: m.email, password: m.password, uid: FIRST_UID + Math.floor(i / ACCOUNTS_PER_UID) })),
  );
  // One LMTP transaction per message for all accounts at once: a few seconds, not minutes.
  for (let n = 1; n <= perAccount; n++) {
    await stack.deliver(
      mailboxes.map((m) => m.email),
      makeMessage({ subject: `Quote ${n}`, id: `idle-bench-${n}@example.com` }),
    );
  }
  log(`${accounts} users with ${perAccount} messages each`);

  const spec: IdleSpec = {
    mailboxes,
    stages: [0, Math.floor(accounts / 2), accounts],
    ...(args['heap-snapshot'] ? { heapSnapshotDir: args['heap-snapshot'] } : {}),
  };
  const sides = [
    ['product', 'measure-idle-product.ts'],
    ['peer', 'measure-idle-peer.ts'],
  ] as const;
  for (const [side, file] of sides) {
    if (!only.has(side)) continue;
    log(`${side}…`);
    try {
      report[side] = await runIdleChild(fileURLToPath(new URL(file, import.meta.url)), `measure-idle-${side}`, spec);
    } catch (error) {
      report.errors.push(`${side}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return report;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

try {
  console.log(formatIdleReport(await main()));
} catch (error) {
  console.error('bench:idle failed:', error);
  process.exitCode = 1;
} finally {
  await stack?.stop();
}
process.exit(process.exitCode ?? 0);
