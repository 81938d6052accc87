import 'server-only';
import path from 'node:path';
import { projectRoot } from '../lib/project-root.ts';
import type { Database } from './client.ts';

const committedMigrations = path.join(projectRoot, 'db', 'migrations');

/** Arbitrary but fixed: serializes migrations when several processes start at once. */
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Applies the committed drizzle-kit migrations; idempotent, same SQL on both engines.
 * `migrationsFolder` is for tests that build a store as an earlier release left it.
 */
export async function migrateDatabase(
  database: Database,
  { migrationsFolder = committedMigrations }: { migrationsFolder?: string } = {},
): Promise<void> {
  await database.withAdvisoryLock(MIGRATION_LOCK_KEY, async () => {
    if (database.kind === 'postgres') {
      const { migrate } = await import('drizzle-orm/postgres-js/migrator');
      await migrate(database.db as never, { migrationsFolder });
    } else {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(database.db as never, { migrationsFolder });
    }
  });
}
