import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { AppError } from '../lib/errors.ts';
import * as schema from './schema/index.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database: drizzle plus the LISTEN/NOTIFY the event bus needs. */
export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /** Runs `fn` while holding a PostgreSQL advisory lock (a no-op lock on PGlite: one process). */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
}

/** Opens PostgreSQL when `databaseUrl` is set, else embedded PGlite under `dataDir/pglite`. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}

async function openPostgres(url: string): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  // idle_timeout: a connection keeps its read buffer as large as the largest row it received (a
  // batch of message sources: MBs) for as long as it lives; closing connections idle for 20 s
  // gives that memory back after an import (bench:sync, at rest). The LISTEN connection of the
  // event bus is postgres.js's own and never times out.
  const sql = postgres(url, { max: 10, connect_timeout: 10, idle_timeout: 20, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (cause) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw new AppError('DATABASE_UNREACHABLE', {
      message: `Cannot connect to the database at ${redactUrl(url)}: ${describeCause(cause)}`,
      cause,
    });
  }
  const db = drizzle(sql, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async listen(channel, onPayload) {
      const { unlisten } = await sql.listen(channel, onPayload);
      return unlisten;
    },
    async notify(channel, payload) {
      await sql.notify(channel, payload);
    },
    async withAdvisoryLock(key, fn) {
      // A reserved connection: the lock belongs to the session that took it.
      const reserved = await sql.reserve();
      try {
        await reserved`select pg_advisory_lock(${key})`;
        try {
          return await fn();
        } finally {
          await reserved`select pg_advisory_unlock(${key})`;
        }
      } finally {
        reserved.release();
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = path.join(dataDir, 'pglite');
  // 0700 (issue 8, item 4): PGlite makes its files 0666, so the directory is what keeps them private.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // PGlite has no lock of its own, and two processes on one data directory corrupt it.
  const releaseLock = lockDataDir(dir);
  try {
    const pg = new PGlite(dir);
    await pg.waitReady;
    const db = drizzle(pg, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      listen: async (channel, onPayload) => {
        const unsubscribe = await pg.listen(channel, onPayload);
        return unsubscribe;
      },
      async notify(channel, payload) {
        await pg.query('select pg_notify($1, $2)', [channel, payload]);
      },
      withAdvisoryLock: (_key, fn) => fn(),
      async close() {
        try {
          await pg.close();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function lockDataDir(dir: string): () => void {
  const lockFile = path.join(dir, '..', 'pglite.lock');
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch {
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new AppError('DATABASE_UNREACHABLE', {
        message: `The embedded database in ${dir} is in use by process ${holder}; stop it or set DATA_DIR`,
      });
    }
    fs.writeFileSync(lockFile, String(process.pid)); // stale lock from a crashed process
  }
  return () => fs.rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

function describeCause(cause: unknown): string {
  const error = cause as { code?: string; message?: string };
  return [error.code, error.message].filter(Boolean).join(' ') || String(cause);
}
