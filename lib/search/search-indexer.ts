import 'server-only';
import type { Db } from '../../db/client.ts';
import { indexSearchDocuments } from '../../db/queries/search-index.ts';
import { loggerFor } from '../log/logger.ts';

export interface SearchIndexerOptions {
  db: Db;
  /** While true (an import or backfill is running), the indexer waits: it has the lowest priority. */
  busy?: () => boolean;
  /** Messages per UPDATE. @default 200 */
  batch?: number;
  /** Pause when there is nothing to do or the sync is busy. @default 2_000 */
  idleMs?: number;
}

export interface SearchIndexer {
  /** Resolves when the indexer has nothing left to do (for tests and the admin overview). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Full-text search documents are built in the background, not in the import's body write (issue
 * 9: parse and index off the critical path): building one costs PostgreSQL ≈ 0.6 ms of CPU per
 * message, 5–8 s for a 10,000-message mailbox, which the import would otherwise wait for. Batches
 * of `batch` rows, one UPDATE each, yielding between them; paused while the sync imports; resumes
 * after a restart by itself (the work list is "body stored, no document", kept by the database).
 */
export function startSearchIndexer(options: SearchIndexerOptions): SearchIndexer {
  const { db, busy = () => false, batch = 200, idleMs = 2_000 } = options;
  const log = loggerFor('search-indexer');
  let stopped = false;
  let wake: () => void = () => {};
  /** Callers of drained(), each with the number of the last pass started before it asked. */
  let idleWaiters: Array<{ after: number; resolve: () => void }> = [];
  let passes = 0;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      if (busy()) {
        await pause(idleMs);
        continue;
      }
      const pass = ++passes;
      try {
        const indexed = await indexSearchDocuments(db, batch);
        failures = 0;
        if (indexed === batch) {
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        // Nothing left as of a pass that started after the caller asked: rows it wrote are in.
        const done = idleWaiters.filter((waiter) => waiter.after < pass);
        idleWaiters = idleWaiters.filter((waiter) => waiter.after >= pass);
        done.forEach((waiter) => waiter.resolve());
      } catch (error) {
        failures += 1;
        log.warn({ err: error, failures }, 'building search documents failed; trying again later');
      }
      await pause(idleMs * Math.min(2 ** failures, 30));
    }
  })();

  return {
    drained: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push({ after: passes, resolve });
        wake();
      }),
    async stop() {
      stopped = true;
      wake();
      await loop;
      idleWaiters.forEach((waiter) => waiter.resolve());
    },
  };
}
