import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_APP_ENV } from '../global-setup.ts';
import { freePort, startAppProcess, type AppProcess } from './app-process.ts';
import { createTestDatabase } from './test-database.ts';

export interface OwnApp {
  /** http://127.0.0.1:<port>, the same across restarts (open pages reconnect to it). */
  url: string;
  /** Ends the process as a crash would (SIGKILL: no shutdown, no lease given back). */
  kill(): Promise<void>;
  /** Starts it again on the same port, database and data dir. */
  start(): Promise<void>;
  /** The process's output so far (for a failure message). */
  output(): string;
  /** Stops the process and removes its database and data dir. */
  close(): Promise<void>;
}

/**
 * An app process of a journey's own, with its own fresh PostgreSQL database and data dir and the
 * shared app's other settings (the mail stack's CA, the fixture DNS): for journeys that kill and
 * restart the server, which the shared app must survive, and whose outbox no other process may
 * serve (every app process runs a sender). `env` adds or overrides variables.
 */
export async function startOwnApp(env: Record<string, string> = {}): Promise<OwnApp> {
  const shared = JSON.parse(process.env[E2E_APP_ENV] ?? '{}') as Record<string, string>;
  const database = await createTestDatabase('crm_e2e_own');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-own-'));
  const port = await freePort();
  const settings = { ...shared, ...env, DATABASE_URL: database.url, DATA_DIR: dataDir, PORT: String(port) };
  let app: AppProcess | undefined;
  let earlier = '';
  const release = async () => {
    await app?.stop('SIGKILL');
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    app = await startAppProcess(settings);
  } catch (error) {
    await release();
    throw error;
  }
  return {
    url: app.url,
    async kill() {
      await app?.stop('SIGKILL');
    },
    async start() {
      earlier += app?.output() ?? '';
      app = await startAppProcess(settings);
    },
    output: () => earlier + (app?.output() ?? ''),
    async close() {
      await app?.stop();
      await release();
    },
  };
}
