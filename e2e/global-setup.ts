import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppProcess } from './support/app-process.ts';
import { createTestDatabase } from './support/test-database.ts';

/**
 * Starts what every journey shares: a fresh PostgreSQL database and the app on it.
 * The returned function is Playwright's teardown: every acquire has its release.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const database = await createTestDatabase('crm_e2e');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-'));
  try {
    const app = await startAppProcess({ DATABASE_URL: database.url, DATA_DIR: dataDir, PORT: process.env.E2E_PORT });
    return async () => {
      try {
        await app.stop();
      } finally {
        await database.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
