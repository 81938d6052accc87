/**
 * The app as `npm start` runs it (custom server: Next pages, GraphQL over HTTP and graphql-ws,
 * the sync supervisor, the extraction worker), on a fresh PostgreSQL database, set up with one
 * admin signed in over GraphQL. Shared by the new-mail latency stage (bench-app.ts) and the
 * server stage (measure-server.ts).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startAppProcess, type AppProcess } from '../../e2e/support/app-process.ts';
import { GraphQLHttpClient } from '../../e2e/support/graphql-client.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import type { BenchMailbox } from './bench-imap.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

const SETUP = `mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { id } } }`;
const CONNECT = `mutation($i: ConnectMailAccountInput!) { connectMailAccount(input: $i) { id syncState } }`;

export interface BenchServer {
  app: AppProcess;
  /** Signed in as the tenant's admin (the session cookie is kept). */
  http: GraphQLHttpClient;
  /** The server's own database, for the benchmark's state checks. */
  databaseUrl: string;
  stop(): Promise<void>;
}

/** `next build` output is needed by the production server; build once if it is missing (≈ 30 s). */
async function ensureNextBuild(log: (line: string) => void): Promise<void> {
  if (fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  log('no .next/BUILD_ID: running next build once');
  await run(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    timeout: 10 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Starts the server and completes setup. `env` is added to the server's environment (e.g.
 * NUMBER_OF_DAYS_TO_DOWNLOAD). On failure everything started is stopped again and the error is
 * thrown with the server's last output lines.
 */
export async function startBenchServer(options: {
  certFile: string;
  env: Record<string, string>;
  log: (line: string) => void;
}): Promise<BenchServer> {
  let database: TestDatabase | undefined;
  let app: AppProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-app-'));
  const stop = async () => {
    await app?.stop();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await ensureNextBuild(options.log);
    database = await createTestDatabase('crm_bench_app');
    app = await startAppProcess({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      NODE_EXTRA_CA_CERTS: options.certFile,
      ...options.env,
    });
    const http = new GraphQLHttpClient(app.url);
    await http.data(SETUP, {
      i: { tenantName: 'Bench', name: 'Bench Admin', email: 'admin@bench.test', password: 'bench-password' },
    });
    return { app, http, databaseUrl: database.url, stop };
  } catch (error) {
    const output = app?.output().trim().split('\n').slice(-5).join(' | ') ?? '';
    await stop().catch(() => {});
    throw new Error(
      `${error instanceof Error ? error.message.split('\n')[0] : String(error)}${output ? ` — app: ${output}` : ''}`,
      {
        cause: error,
      },
    );
  }
}

/** connectMailAccount as the settings page sends it (IMAPS and SMTPS on the test stack); the account id. */
export async function connectBenchAccount(http: GraphQLHttpClient, mailbox: BenchMailbox, smtpsPort: number): Promise<string> {
  const connected = await http.data<{ connectMailAccount: { id: string } }>(CONNECT, {
    i: {
      email: mailbox.email,
      password: mailbox.password,
      imap: { server: `localhost:${mailbox.imapsPort}`, username: mailbox.email, ssl: true },
      smtp: { server: `localhost:${smtpsPort}`, username: mailbox.email, ssl: true },
    },
  });
  return connected.connectMailAccount.id;
}
