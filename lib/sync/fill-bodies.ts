import type { ImapFlow } from 'imapflow';
import { listPendingBodies, markBodyFailed, storeFetchedSources } from '../../db/queries/messages.ts';
import type { MessageSourceRow } from '../../db/queries/message-sources.ts';
import { driverMessage, isDataException, sqlStateOf } from '../../db/is-data-exception.ts';
import { groupBySize } from '../message-store/group-by-size.ts';
import { databaseSourceStore } from '../message-store/source-store.ts';
import type { FolderSyncContext } from './folder-sync-context.ts';
import { toSequenceSet } from './uid-sets.ts';

type Pending = { id: string; uid: number; size: number };

/** Rows read from the database per round; fetches are smaller (see groupBySize). @default 500 */
const PENDING_PAGE = 500;
/** Batches fetched ahead of the one being written: bounds memory to ≈ 3 × bodyBatchBytes. @default 2 */
const MAX_AHEAD = 2;

/**
 * Phase two of an import: downloads the raw source of every envelope-only row of the folder
 * (newest first) and stores it byte for byte (ctx.sources), marking the row 'done': fully imported,
 * readable and archivable without the mail server. Nothing is parsed here (issue 9: parse off the
 * critical path) — the extraction worker (lib/message-store/extraction-worker.ts) derives snippet,
 * bodies, attachment index and search document from the stored source afterwards. A pipeline:
 * while batch n is written, batch n + 1 is already being fetched.
 *
 * A message the server will not deliver is marked (body_state 'error', parse_error says why) and
 * the import goes on: one bad message never stalls a mailbox. A write that failed for a database
 * reason marks nothing: it rejects, and the runner retries the batch later.
 *
 * The caller holds the mailbox lock. `onStored(n)` reports progress. Returns how many were stored.
 */
export async function fillBodies(
  ctx: FolderSyncContext,
  client: ImapFlow,
  folder: { id: string; path: string },
  uidValidity: number,
  onStored: (count: number) => void = () => {},
): Promise<number> {
  let filled = 0;
  let below: number | null = null;
  let written: Promise<void> = Promise.resolve();
  const inflight: Array<Promise<void>> = [];
  try {
    for (;;) {
      const page = await listPendingBodies(ctx.db, folder.id, uidValidity, below, PENDING_PAGE);
      if (!page.length) break;
      // A cursor, not "all pending": a message the server no longer returns is not asked for again in this pass.
      below = page.at(-1)!.uid;
      for (const group of groupBySize(page, ctx.tuning.bodyBatchMessages, ctx.tuning.bodyBatchBytes)) {
        const fetched = await fetchGroup(ctx, client, group);
        // Writes stay in order (one transaction at a time); fetching runs ahead by MAX_AHEAD batches.
        written = written.then(async () => {
          const count = await writeSources(ctx, fetched);
          filled += count;
          onStored(count);
        });
        // A failed write rejects `written` while the loop may be busy fetching: handled here, so it is
        // not an unhandled rejection; it surfaces below (or at `await written`) and ends the pass.
        written.catch(() => {});
        inflight.push(written);
        if (inflight.length > MAX_AHEAD) await inflight.shift();
      }
    }
    await written;
  } finally {
    await Promise.allSettled(inflight);
  }
  return filled;
}

/**
 * Fetches the sources of a group. Resolves once the fetch is done (the connection is free again).
 * The imapflow buffers are stored as they are (no copy); they live as long as their batch
 * (≤ bodyBatchBytes, MAX_AHEAD batches ahead), no longer.
 */
async function fetchGroup(ctx: FolderSyncContext, client: ImapFlow, group: Pending[]): Promise<MessageSourceRow[]> {
  const byUid = new Map(group.map((p) => [p.uid, p]));
  const fetched: MessageSourceRow[] = [];
  const seen = new Set<number>();
  try {
    for await (const message of client.fetch(toSequenceSet(byUid.keys()), { uid: true, source: true }, { uid: true })) {
      const row = byUid.get(message.uid);
      if (!row || !message.source) continue;
      seen.add(message.uid);
      fetched.push({ messageId: row.id, bytes: message.source });
    }
  } catch (error) {
    if (!client.usable) throw error; // connection trouble: the runner reconnects and resumes
    // The server refused the batch (some refuse to serve a damaged message, e.g. Dovecot's
    // "NO [SERVERBUG]"): ask one by one for the rest, to find and mark the culprit.
    if (group.length === 1) {
      await markBodyFailed(ctx.db, group[0]!.id, `the server did not deliver the message: ${(error as Error).message}`);
    } else {
      for (const one of group.filter((p) => !seen.has(p.uid))) fetched.push(...(await fetchGroup(ctx, client, [one])));
    }
  }
  return fetched;
}

/**
 * One transaction for the batch. If PostgreSQL refused the batch for its data, message by message,
 * so only that message is marked; any other failure (the connection dropped, the server
 * restarting, a deadlock) is thrown: the rows stay 'pending' and the runner retries them after its
 * backoff (issue 8, item 13: a transient database error marked good mail broken, for good).
 */
async function writeSources(ctx: FolderSyncContext, items: MessageSourceRow[]): Promise<number> {
  if (!items.length) return 0;
  try {
    await storeFetchedSources(ctx.db, items, sourcesOf(ctx).put);
  } catch (batchError) {
    if (!isDataException(batchError)) throw batchError;
    ctx.log(`storing a batch of sources was refused (${sqlStateOf(batchError)}); storing one by one`);
    for (const item of items) {
      try {
        await storeFetchedSources(ctx.db, [item], sourcesOf(ctx).put);
      } catch (error) {
        if (!isDataException(error)) throw error;
        await markBodyFailed(ctx.db, item.messageId, `the message could not be stored: ${driverMessage(error)}`);
      }
    }
  }
  // No MESSAGES_UPDATED here: nothing the list shows changed; the extraction worker announces
  // the snippets it fills in.
  return items.length;
}

const sourcesOf = (ctx: FolderSyncContext) => ctx.sources ?? databaseSourceStore;
