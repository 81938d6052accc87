import 'server-only';
import type { Db } from '../../db/client.ts';
import { deleteExpiredRateLimits } from '../../db/queries/rate-limits.ts';
import { deleteExpiredSessions } from '../../db/queries/sessions.ts';
import { loggerFor } from '../log/logger.ts';

const log = loggerFor('auth-housekeeping');

/** Deletes expired sessions and expired sign-in counters (issue 8, items 2 and 10). */
export async function cleanUpExpiredAuthRows(db: Db, now = new Date()): Promise<{ sessions: number; rateLimits: number }> {
  const sessions = await deleteExpiredSessions(db, now);
  const rateLimits = await deleteExpiredRateLimits(db, now);
  return { sessions, rateLimits };
}

export interface AuthHousekeepingOptions {
  /** @default 3_600_000 (hourly) */
  intervalMs?: number;
}

/**
 * Runs `cleanUpExpiredAuthRows` at start and then every `intervalMs` in the server process,
 * so the sessions and rate_limits tables stay bounded. With several processes each runs it:
 * the deletes are idempotent and cheap (indexed on the expiry). `stop()` waits for a run in
 * progress, so the database can be closed after it.
 */
export function startAuthHousekeeping(db: Db, { intervalMs = 60 * 60 * 1000 }: AuthHousekeepingOptions = {}) {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      try {
        const deleted = await cleanUpExpiredAuthRows(db);
        if (deleted.sessions || deleted.rateLimits) log.info(deleted, 'deleted expired auth rows');
      } catch (error) {
        log.warn({ err: error }, 'cleaning up expired auth rows failed; will retry');
      }
    });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
