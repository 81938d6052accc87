/**
 * (c) New-mail latency: a message delivered over LMTP (RFC 2033; the promise resolves once
 * Dovecot has stored it) until
 *   - Dovecot's own `* n EXISTS` reaches an imapflow client idling on INBOX (RFC 2177): the floor,
 *     Dovecot waits ≈ 0.5 s before it tells IDLE clients (STACK-NOTES), and
 *   - the app's `mailboxChanged` MESSAGES_ADDED reaches a graphql-ws client: the product, running
 *     as `npm start` runs it, with its sync supervisor, against PostgreSQL.
 * Both watch the same deliveries, one at a time, so each sample has a pair and a difference.
 * A small mailbox of its own keeps the app's first import short.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ImapFlow } from 'imapflow';
import type { MailStack } from '../../e2e/mail-stack/index.ts';
import { closeImap, connectImap, type BenchMailbox } from './bench-imap.ts';
import { startBenchApp, type BenchApp } from './bench-app.ts';
import { createPrng } from './prng.ts';
import { summarize, type Summary } from './stats.ts';
import { TimedEvents } from './timed-events.ts';

export interface LatencyOptions {
  mailbox: BenchMailbox;
  /** Measured samples (after `warmup` discarded ones). @default 60 */
  samples?: number;
  warmup?: number;
  /** Per event. @default 10 s */
  timeoutMs?: number;
  log: (line: string) => void;
}

export interface LatencyResult {
  /** LMTP delivery complete → EXISTS on the idling imapflow client, ms. */
  exists: Summary;
  /** LMTP delivery complete → mailboxChanged on the graphql-ws client, ms; null when not measurable. */
  endToEnd: Summary | null;
  endToEndNote: string | null;
  /** Per sample: end-to-end minus exists, ms. */
  difference: Summary | null;
  /** How long the LMTP transaction itself took (connect, LHLO … DATA, 250), ms. */
  delivery: Summary;
  missed: { exists: number; endToEnd: number };
}

export async function measureLatency(stack: MailStack, options: LatencyOptions): Promise<LatencyResult> {
  const { mailbox, log } = options;
  const samples = options.samples ?? 60;
  const warmup = options.warmup ?? 3;
  const timeoutMs = options.timeoutMs ?? 10_000;

  // A clean mailbox each run (no session of this user is open): the app's import stays tiny.
  await stack.addUser(mailbox.email, mailbox.password);
  const [local, domain] = mailbox.email.toLowerCase().split('@') as [string, string];
  fs.rmSync(path.join(stack.dir, 'mail', domain, local), { recursive: true, force: true });
  for (let i = 0; i < 3; i++) await stack.deliver(mailbox.email, probeMessage(`starter ${i}`));

  const certFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-ca-')), 'mail-stack-ca.pem');
  fs.writeFileSync(certFile, stack.certPem);
  let app: BenchApp | undefined;
  let idle: ImapFlow | undefined;
  try {
    const started = await startBenchApp({
      certFile,
      mailbox,
      smtpsPort: stack.ports.smtps,
      log,
    });
    let endToEndNote: string | null = null;
    if ('unavailable' in started) endToEndNote = started.unavailable;
    else app = started;

    const exists = new TimedEvents<number>();
    idle = await connectImap(mailbox);
    await idle.mailboxOpen('INBOX');
    idle.on('exists', (event: { count: number }) => exists.push(event.count));
    void idle.idle().catch(() => {});
    await sleep(300); // IDLE is sent and acknowledged

    const existsMs: number[] = [];
    const endToEndMs: number[] = [];
    const differenceMs: number[] = [];
    const deliveryMs: number[] = [];
    const missed = { exists: 0, endToEnd: 0 };
    const jitter = createPrng(1);
    for (let i = 0; i < warmup + samples; i++) {
      const before = performance.now();
      await stack.deliver(mailbox.email, probeMessage(`probe ${i}`));
      const delivered = performance.now();
      const [seen, changed] = await Promise.all([
        exists.next(before, () => true, timeoutMs),
        app ? app.mailboxEvents.next(before, (e) => e.kind === 'MESSAGES_ADDED', timeoutMs) : Promise.resolve(null),
      ]);
      if (app && !changed) {
        missed.endToEnd++;
        if (endToEndMs.length === 0 && missed.endToEnd >= 2) {
          endToEndNote = `no mailboxChanged event within ${timeoutMs / 1000} s of delivery (${await app.describeSync()})`;
          log(`end-to-end: ${endToEndNote}`);
          await app.stop();
          app = undefined;
        }
      }
      if (!seen) missed.exists++;
      if (i >= warmup) {
        deliveryMs.push(delivered - before);
        if (seen) existsMs.push(seen.at - delivered);
        if (changed) endToEndMs.push(changed.at - delivered);
        if (seen && changed) differenceMs.push(changed.at - seen.at);
      }
      // Quiet before the next delivery. Dovecot notifies an IDLE client 500 ms after the first
      // change it sees (mailbox-watch.c, NOTIFY_DELAY_MSECS) and the app's body fill right after
      // MESSAGES_ADDED is such a change: delivering within that 500 ms would ride on an already
      // running timer and show an EXISTS "faster" than Dovecot ever is. Plus jitter.
      await sleep(jitter.int(700, 1000));
    }
    return {
      exists: summarize(existsMs),
      endToEnd: endToEndMs.length ? summarize(endToEndMs) : null,
      endToEndNote: endToEndMs.length ? null : (endToEndNote ?? 'no events'),
      difference: differenceMs.length ? summarize(differenceMs) : null,
      delivery: summarize(deliveryMs),
      missed,
    };
  } finally {
    if (idle) await closeImap(idle);
    await app?.stop();
    fs.rmSync(path.dirname(certFile), { recursive: true, force: true });
  }
}

let probeCounter = 0;

function probeMessage(subject: string): string {
  const id = `${Date.now()}.${process.pid}.${probeCounter++}@latency.example`;
  return [
    'From: Latency Probe <probe@latency.example>',
    'To: latency@bench.test',
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${id}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `New mail ${subject}: is it on the screen yet?`,
    '',
  ].join('\r\n');
}
