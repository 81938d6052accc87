import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../lib/project-root.ts';

/**
 * The committed migrations up to (not including) `tag`, copied to a temporary folder drizzle's
 * migrator reads (with `migrateDatabase(database, { migrationsFolder })`): a store as the release
 * before `tag` left it. The caller removes the folder (`fs.rmSync(dir, { recursive: true })`).
 */
export function migrationsBefore(tag: string): string {
  const source = path.join(projectRoot, 'db', 'migrations');
  const journal = JSON.parse(fs.readFileSync(path.join(source, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  const upTo = journal.entries.findIndex((e) => e.tag === tag);
  if (upTo <= 0) throw new Error(`no migration ${tag} (or nothing before it)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(
    path.join(dir, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }),
  );
  for (const entry of journal.entries.slice(0, upTo))
    fs.copyFileSync(path.join(source, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  return dir;
}
