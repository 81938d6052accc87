/**
 * `npm run bench:read`: opening a message, click to rendered text, in the built app (issue 10:
 * "p95 ≤ 100 ms for a typical message on this machine kind"). See README.md.
 *
 * 1. A private mail stack; one mailbox with CORPUS_COUNT messages of the sync bench's corpus
 *    (plain, multipart/alternative, HTML newsletters, inline images, attachments; several charsets).
 * 2. The app as `npm start` runs it (bench-server.ts) on a fresh PostgreSQL database; the account
 *    connected over GraphQL; wait until imported and indexed (LIVE, no INDEXING).
 * 3. Chromium clicks OPENS different rows (measure-open.ts), then fetches the same messages bare.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startMailStack, type MailStack } from '../../e2e/mail-stack/index.ts';
import { closeImap, connectImap, type BenchMailbox } from '../sync/bench-imap.ts';
import { connectBenchAccount, startBenchServer, type BenchServer } from '../sync/bench-server.ts';
import { generateCorpus } from '../sync/corpus.ts';
import { machineFacts } from '../sync/machine-facts.ts';
import { summarize, type Summary } from '../sync/stats.ts';
import { measureOpen } from './measure-open.ts';

/** Messages in the mailbox: more than the rows opened, over three list pages. @default 300 */
const CORPUS_COUNT = Number(process.env.READ_BENCH_MESSAGES ?? 300);
/** Rows clicked (after one warm-up open). @default 200 */
const OPENS = Number(process.env.READ_BENCH_OPENS ?? 200);
/** The target for the p95. */
const TARGET_P95_MS = 100;

const ACCOUNTS = `{ mailAccounts { id syncState syncProgress { phase overallDone overallTotal } } }`;
const log = (line: string) => console.error(`[bench:read] ${line}`);

async function main(): Promise<void> {
  const facts = await machineFacts();
  let stack: MailStack | undefined;
  let server: BenchServer | undefined;
  const caDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-read-ca-'));
  try {
    stack = await startMailStack();
    const mailbox: BenchMailbox = {
      host: stack.host,
      imapsPort: stack.ports.imaps,
      imapPort: stack.ports.imap,
      certPem: stack.certPem,
      email: 'reader@bench.test',
      password: 'reader-password',
    };
    await stack.addUser(mailbox.email, mailbox.password);
    await seedMailbox(mailbox);
    const certFile = path.join(caDir, 'mail-stack-ca.pem');
    fs.writeFileSync(certFile, stack.certPem);

    server = await startBenchServer({ certFile, env: { NUMBER_OF_DAYS_TO_DOWNLOAD: '30' }, log });
    const accountId = await connectBenchAccount(server.http, mailbox, stack.ports.smtps);
    await untilIndexed(server, accountId);
    log(`imported and indexed; opening ${OPENS} messages in Chromium`);

    const loadBefore = os.loadavg();
    const timings = await measureOpen({ appUrl: server.app.url, cookie: server.http.cookie ?? '', count: OPENS });
    const loadAfter = os.loadavg();
    const open = summarize(timings.open);
    const of = (kind: 'html' | 'text') => summarize(timings.open.filter((_, i) => timings.kinds[i] === kind));
    const floor = summarize(timings.floor);
    console.log(
      [
        `bench:read — ${facts.cpuModel}, ${facts.nproc} cores; load average (1 min) ${loadBefore[0]!.toFixed(2)} before, ${loadAfter[0]!.toFixed(2)} after`,
        `mailbox: ${CORPUS_COUNT} corpus messages; opened ${open.n} different rows`,
        `click → body shown      ${line(open)}   target p95 ≤ ${TARGET_P95_MS} ms: ${open.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'}`,
        `  HTML (sandboxed frame) ${line(of('html'))}`,
        `  plain text             ${line(of('text'))}`,
        `floor: message(id) only ${line(floor)}   (same messages, same page, fetch + JSON)`,
      ].join('\n'),
    );
  } finally {
    await server?.stop().catch((error) => log(`stopping the app: ${String(error)}`));
    await stack?.stop().catch((error) => log(`stopping the mail stack: ${String(error)}`));
    fs.rmSync(caDir, { recursive: true, force: true });
  }
}

const line = (s: Summary) => `p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  max ${s.max.toFixed(1)} ms  (n ${s.n})`;

/** The corpus's realistic mix, all within the import window, appended to INBOX. */
async function seedMailbox(mailbox: BenchMailbox): Promise<void> {
  const client = await connectImap(mailbox);
  try {
    const corpus = generateCorpus({
      seed: 10,
      count: CORPUS_COUNT,
      spanDays: 20,
      anchor: new Date(),
      owner: { name: 'Reader', address: mailbox.email },
      sentShare: 0,
    });
    for (const message of corpus) await client.append('INBOX', message.raw, message.flags, message.internalDate);
  } finally {
    await closeImap(client);
  }
  log(`seeded ${CORPUS_COUNT} messages`);
}

/** LIVE twice in a row, half a second apart: imported, and the extraction worker is done (it reports INDEXING). */
async function untilIndexed(server: BenchServer, accountId: string): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  let liveInARow = 0;
  while (liveInARow < 2) {
    if (Date.now() > deadline) throw new Error('the account was not imported and indexed within 5 minutes');
    const { mailAccounts } = await server.http.data<{
      mailAccounts: Array<{ id: string; syncState: string; syncProgress: { phase: string } | null }>;
    }>(ACCOUNTS);
    const account = mailAccounts.find((a) => a.id === accountId);
    liveInARow = account?.syncState === 'live' && account.syncProgress?.phase === 'LIVE' ? liveInARow + 1 : 0;
    await sleep(500);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
