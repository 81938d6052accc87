/**
 * The app as `npm start` runs it (bench-server.ts: Next pages, GraphQL over HTTP and graphql-ws,
 * the sync supervisor) on a fresh PostgreSQL database, with one admin who has connected the
 * latency mailbox through GraphQL like a person would; the sync is live when this returns.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from 'graphql-ws';
import type { BenchMailbox } from './bench-imap.ts';
import { connectBenchAccount, startBenchServer, type BenchServer } from './bench-server.ts';
import { TimedEvents } from './timed-events.ts';

const ACCOUNTS = `{ mailAccounts { id syncState lastErrorCode lastErrorMessage syncProgress { phase overallDone overallTotal } } }`;
const MAILBOX_CHANGED = `subscription($id: ID!) { mailboxChanged(accountId: $id) { kind messageIds } }`;
const SYNC_PROGRESS = `subscription($id: ID!) { syncProgress(accountId: $id) { phase } }`;

export interface MailboxChange {
  kind: string;
  messageIds: string[];
}

export interface BenchApp {
  mailboxEvents: TimedEvents<MailboxChange>;
  /** The account's sync state as the API reports it, for messages. */
  describeSync(): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchApp(options: {
  certFile: string;
  mailbox: BenchMailbox;
  smtpsPort: number;
  log: (line: string) => void;
}): Promise<BenchApp | { unavailable: string }> {
  const { mailbox, log } = options;
  let server: BenchServer | undefined;
  let ws: Client | undefined;
  const stop = async () => {
    ws?.terminate();
    await server?.stop();
  };
  try {
    server = await startBenchServer({ certFile: options.certFile, env: { NUMBER_OF_DAYS_TO_DOWNLOAD: '30' }, log });
    const { app, http } = server;
    const accountId = await connectBenchAccount(http, mailbox, options.smtpsPort);

    const mailboxEvents = new TimedEvents<MailboxChange>();
    const phases = new TimedEvents<string>();
    const client = http.ws();
    ws = client;
    const failures: string[] = [];
    const sink = <T>(push: (value: T) => void) => ({
      next: (result: { data?: unknown }) => {
        const data = result.data as Record<string, T> | undefined;
        const value = data && Object.values(data)[0];
        if (value) push(value);
      },
      error: (error: unknown) => failures.push(String(error instanceof Error ? error.message : JSON.stringify(error))),
      complete: () => {},
    });
    client.subscribe({ query: MAILBOX_CHANGED, variables: { id: accountId } }, sink<MailboxChange>(mailboxEvents.push));
    client.subscribe(
      { query: SYNC_PROGRESS, variables: { id: accountId } },
      sink<{ phase: string }>((p) => phases.push(p.phase)),
    );

    const describeSync = async () => {
      const { mailAccounts } = await http.data<{ mailAccounts: Array<Record<string, unknown>> }>(ACCOUNTS);
      const account = mailAccounts.find((a) => a.id === accountId);
      const progress = account?.syncProgress as { phase?: string } | null | undefined;
      return `syncState ${String(account?.syncState)}, progress ${progress?.phase ?? 'none'}${account?.lastErrorCode ? `, error ${String(account.lastErrorCode)}` : ''}${failures.length ? `, subscription error ${failures[0]}` : ''}`;
    };

    // Live: the API says so, or the first import's events have come and gone. Nothing at all
    // within 10 s means the server does not sync (yet).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { mailAccounts } = await http.data<{
        mailAccounts: Array<{ id: string; syncState: string; syncProgress: { phase: string } | null }>;
      }>(ACCOUNTS);
      const account = mailAccounts.find((a) => a.id === accountId);
      if (
        account?.syncState === 'live' ||
        account?.syncProgress?.phase === 'LIVE' ||
        phases.events.some((e) => e.value === 'LIVE')
      )
        break;
      const quiet = mailboxEvents.events.length === 0 && phases.events.length === 0 && account?.syncState === 'idle';
      if (quiet && Date.now() > deadline - 50_000) {
        const reason = `no sync activity within 10 s of connecting the account (${await describeSync()}): the server does not run the sync supervisor?`;
        await stop();
        return { unavailable: reason };
      }
      if (Date.now() > deadline) {
        const reason = `the sync did not become live within 60 s (${await describeSync()})`;
        await stop();
        return { unavailable: reason };
      }
      await sleep(250);
    }
    log(`app on ${app.url}: account ${accountId} live after its first import`);
    await sleep(1000); // the INBOX runner enters IDLE once its pass is done
    return { mailboxEvents, describeSync, stop };
  } catch (error) {
    const output = server?.app.output().trim().split('\n').slice(-5).join(' | ') ?? '';
    await stop().catch(() => {});
    return {
      unavailable: `${error instanceof Error ? error.message.split('\n')[0] : String(error)}${output ? ` — app: ${output}` : ''}`,
    };
  }
}
