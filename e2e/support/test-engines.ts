import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../db/client.ts';
import { createTestDatabase } from './test-database.ts';

export interface OpenedEngine {
  database: Database;
  /** The PostgreSQL URL (for a second, rival connection); undefined on PGlite. */
  url?: string;
  cleanup(): Promise<void>;
}

/** Both database engines, each opened fresh and empty: for tests that must pass on both. */
export const testEngines: Array<[name: string, open: () => Promise<OpenedEngine>]> = [
  [
    'PostgreSQL',
    async () => {
      const testDb = await createTestDatabase();
      const database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
      return { database, url: testDb.url, cleanup: async () => (await database.close(), await testDb.drop()) };
    },
  ],
  [
    'PGlite',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-pglite-'));
      const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
      return { database, cleanup: async () => (await database.close(), fs.rmSync(dir, { recursive: true, force: true })) };
    },
  ],
];
