import 'server-only';
import type { Db } from '../../db/client.ts';
import { driverMessage, isDataException } from '../../db/is-data-exception.ts';
import {
  countExtractionBacklog,
  listExtractionWork,
  readSources,
  storeExtractions,
  type ExtractionWork,
  type MessageExtraction,
} from '../../db/queries/message-extraction.ts';
import { countFolderMessages } from '../../db/queries/messages.ts';
import type { EventBus } from '../events/event-bus.ts';
import { announceArchivedCopies } from '../archive/announce-archived-copies.ts';
import { loggerFor } from '../log/logger.ts';
import { publishMailboxEvent } from '../sync/sync-events.ts';
import { EXTRACT_VERSION } from './extract-version.ts';
import { groupBySize } from './group-by-size.ts';
import { createIndexingProgress, type IndexingProgress, type IndexingState } from './indexing-progress.ts';
import { wellFormedExtraction, type ParsedMessage } from '../mail/mime/parse-message.ts';
import type { ParserPool } from '../mail/mime/parser-pool.ts';

/** How often a waiting worker looks whether the import is over. @default 250 ms */
const BUSY_RECHECK_MS = 250;

export interface ExtractionWorkerOptions {
  db: Db;
  bus: EventBus;
  pool: ParserPool;
  /** While true (an import or backfill is running), the worker waits: it has the lowest priority. */
  busy?: () => boolean;
  /** Whether an account's own sync is live here (the worker reports 'indexing' only then); see indexing-progress.ts. */
  syncPhase?: (accountId: string) => string | undefined;
  /** @default EXTRACT_VERSION; tests raise it to simulate a parser change */
  version?: number;
  /** Messages read per round. @default 200 */
  pageSize?: number;
  /** Messages and source bytes per transaction, which bounds what is held in memory. @default 100, 4 MiB */
  batchMessages?: number;
  batchBytes?: number;
  /** Pause when there is nothing to do or the sync is busy. @default 2_000 */
  idleMs?: number;
  /** Progress events per account at most this often. @default 250 */
  progressIntervalMs?: number;
}

export interface ExtractionWorker {
  /** Resolves when nothing is left to extract (tests, benchmarks). */
  drained(): Promise<void>;
  /** What is left for an account, while its backlog is being worked through; null when none. */
  indexing(accountId: string): IndexingState | null;
  /**
   * Look for work now instead of at the end of the pause: a runner went live (its import is
   * over, so what it stored can be indexed; start-server.ts wires the supervisor's `onLive`).
   */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Parse off the critical path (issue 9): the import stores each message's source and its list row,
 * nothing more; this worker derives the rest from the stored source — snippet, text and HTML
 * bodies, the attachment index, References, content hash, parse problems and the search document —
 * and publishes MESSAGES_UPDATED so open lists get their snippets.
 *
 * Lowest priority: it waits while any runner of this process imports or backfills, yields between
 * messages, and holds at most one batch (`batchBytes`) of sources. Resumable by construction: the
 * work list is kept by the database (`body_state = 'done' and extracted_version < version`), so a
 * kill loses at most the batch in flight, which is extracted again after the restart. A parser
 * change raises EXTRACT_VERSION and everything stored is re-parsed, the damaged messages included
 * (their sources were kept for that).
 */
export function startExtractionWorker(options: ExtractionWorkerOptions): ExtractionWorker {
  const { db, bus, pool, busy = () => false, version = EXTRACT_VERSION } = options;
  const { pageSize = 200, batchMessages = 100, batchBytes = 4 * 1024 * 1024, idleMs = 2_000 } = options;
  const log = loggerFor('extraction');
  const progress: IndexingProgress = createIndexingProgress({
    bus,
    intervalMs: options.progressIntervalMs ?? 250,
    syncPhase: options.syncPhase ?? (() => undefined),
  });
  let stopped = false;
  /** Ends the current pause; between pauses, it makes the next one end at once (a wake is never lost). */
  let wake: () => void = () => void (woken = true);
  let woken = false;
  /** Callers of drained(), each with the number of the last pass started before it asked. */
  let idleWaiters: Array<{ after: number; resolve: () => void }> = [];
  let passes = 0;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = () => void (woken = true);
        resolve();
      }
      wake = done;
    });

  /** One page of work; returns how many messages it took off the list. */
  async function extractPage(): Promise<number> {
    const work = await listExtractionWork(db, version, pageSize);
    if (!work.length) return 0;
    await progress.recount(() => countExtractionBacklog(db, version));
    let written = 0;
    for (const group of groupBySize(work, batchMessages, batchBytes)) {
      if (stopped || busy()) break;
      written += await extractBatch(group);
    }
    return written || work.length;
  }

  async function extractBatch(group: ExtractionWork[]): Promise<number> {
    const sources = await readSources(
      db,
      group.map((w) => w.id),
    );
    const extracted: MessageExtraction[] = [];
    for (const item of group) {
      const source = sources.get(item.id);
      extracted.push({ id: item.id, ...(source ? await pool.parse(source) : missingSource()) });
      // Parsing runs on this thread when the pool has no workers: let pages and IMAP in between.
      await new Promise((resolve) => setImmediate(resolve));
    }
    sources.clear();
    const ids = await store(extracted);
    progress.advanced(group.filter((w) => ids.has(w.id)));
    await announce(group.filter((w) => ids.has(w.id)));
    return group.length;
  }

  /** The batch in one transaction; if PostgreSQL refuses it for its data, message by message. */
  async function store(items: MessageExtraction[]): Promise<Set<string>> {
    try {
      return new Set(await storeExtractions(db, version, items));
    } catch (error) {
      if (!isDataException(error)) throw error;
    }
    const ids = new Set<string>();
    for (const item of items) for (const id of await storeOne(item)) ids.add(id);
    return ids;
  }

  async function storeOne(item: MessageExtraction): Promise<string[]> {
    for (const attempt of [item, wellFormedExtraction(item)]) {
      try {
        return await storeExtractions(db, version, [attempt]);
      } catch (error) {
        if (!isDataException(error)) throw error;
        if (attempt !== item) {
          // Even the cleaned strings were refused: keep the row's envelope, say why, move on.
          const reason = `what was read from the message could not be stored: ${driverMessage(error)}`;
          return storeExtractions(db, version, [{ ...failed(item.contentHash), id: item.id, parseError: reason }]);
        }
      }
    }
    return [];
  }

  async function announce(done: ExtractionWork[]): Promise<void> {
    const byFolder = new Map<string, { accountId: string; ids: string[] }>();
    for (const w of done) {
      const entry = byFolder.get(w.folderId) ?? { accountId: w.accountId, ids: [] };
      entry.ids.push(w.id);
      byFolder.set(w.folderId, entry);
    }
    for (const [folderId, { accountId, ids }] of byFolder) {
      const counts = await countFolderMessages(db, folderId);
      await publishMailboxEvent(bus, { accountId, kind: 'MESSAGES_UPDATED', folderId, messageIds: ids, counts });
    }
    await announceArchivedCopies(
      db,
      bus,
      done.map((w) => w.id),
    );
  }

  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      if (busy()) {
        // busy() is an in-memory check: look again soon, so indexing starts right after the
        // import instead of up to idleMs later (the inbox bar went from Importing to nothing to
        // Indexing, and search found nothing meanwhile).
        await pause(Math.min(idleMs, BUSY_RECHECK_MS));
        continue;
      }
      const pass = ++passes;
      try {
        const taken = await extractPage();
        failures = 0;
        if (taken > 0) continue;
        progress.finished();
        // Nothing left as of a pass that started after the caller asked: rows it wrote are in.
        const done = idleWaiters.filter((waiter) => waiter.after < pass);
        idleWaiters = idleWaiters.filter((waiter) => waiter.after >= pass);
        done.forEach((waiter) => waiter.resolve());
      } catch (error) {
        failures += 1;
        log.warn({ err: error, failures }, 'extracting stored messages failed; trying again later');
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
    indexing: (accountId) => progress.state(accountId),
    wake: () => wake(),
    async stop() {
      stopped = true;
      wake();
      await loop;
      progress.close();
      idleWaiters.forEach((waiter) => waiter.resolve());
    },
  };
}

function missingSource(): ParsedMessage {
  return { ...failed(null), parseError: 'the stored source of this message is missing' };
}

function failed(contentHash: string | null): ParsedMessage {
  return {
    contentHash,
    text: null,
    html: null,
    snippet: '',
    references: [],
    hasAttachments: false,
    attachments: [],
    parseError: null,
  };
}
