import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { listPendingBodies, markBodyFailed, storeMessageBodies, type MessageBodyWrite } from '../../db/queries/messages.ts';
import { driverMessage, isDataException, sqlStateOf } from '../../db/is-data-exception.ts';
import { databaseSourceStore } from '../message-store/source-store.ts';
import { publishFolderChange, type FolderSyncContext } from './folder-sync-context.ts';
import { wellFormedWrite } from './parse-message.ts';
import { toSequenceSet } from './uid-sets.ts';

type Pending = { id: string; uid: number; size: number };

/** Rows read from the database per round; fetches are smaller (see groupBySize). @default 500 */
const PENDING_PAGE = 500;
/** Batches fetched ahead of the one being written: bounds memory to ≈ 3 × bodyBatchBytes. @default 2 */
const MAX_AHEAD = 2;

/**
 * Phase two of an import: downloads the raw source of every envelope-only row of the folder
 * (newest first), parses it in the worker pool and stores the source itself (ctx.sources, byte
 * for byte), bodies, snippet and attachments, one transaction per batch, publishing MESSAGES_UPDATED so the list gets its snippets. A pipeline:
 * while batch n is parsed and written, batch n + 1 is already being fetched, so the connection,
 * the parse workers and the database are busy at the same time.
 *
 * A message that cannot be parsed, fetched or stored is marked (body_state 'error', parse_error
 * says why) and the import goes on: one bad message never stalls a mailbox. A write that failed
 * for a database reason marks nothing: it rejects, and the runner retries the batch later.
 *
 * The caller holds the mailbox lock. `onStored(n)` reports progress. Returns how many were filled.
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
        const { parsed } = await fetchGroup(ctx, client, group);
        // Writes stay in order (one transaction at a time); fetching runs ahead by MAX_AHEAD batches.
        written = written.then(async () => {
          const count = await writeBodies(ctx, folder.id, await parsed);
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

/** Consecutive groups of at most `maxMessages` and (unless one message alone is larger) `maxBytes`. */
export function groupBySize<T extends { size: number }>(items: T[], maxMessages: number, maxBytes: number): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (group.length && (group.length >= maxMessages || bytes + item.size > maxBytes)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(item);
    bytes += item.size;
  }
  if (group.length) groups.push(group);
  return groups;
}

/**
 * Fetches the sources of a group and hands each to the parse pool as it arrives. Resolves once
 * the fetch is done (the connection is free again) with the parses still running.
 */
async function fetchGroup(
  ctx: FolderSyncContext,
  client: ImapFlow,
  group: Pending[],
): Promise<{ parsed: Promise<MessageBodyWrite[]> }> {
  const byUid = new Map(group.map((p) => [p.uid, p]));
  const parses: Array<Promise<MessageBodyWrite[]>> = [];
  const seen = new Set<number>();
  try {
    for await (const message of client.fetch(toSequenceSet(byUid.keys()), { uid: true, source: true }, { uid: true })) {
      const row = byUid.get(message.uid);
      if (!row || !message.source) continue;
      seen.add(message.uid);
      parses.push(parseToWrite(ctx, row.id, message.source).then((write) => [write]));
    }
  } catch (error) {
    if (!client.usable) throw error; // connection trouble: the runner reconnects and resumes
    // The server refused the batch (some refuse to serve a damaged message, e.g. Dovecot's
    // "NO [SERVERBUG]"): ask one by one for the rest, to find and mark the culprit.
    if (group.length === 1) {
      await markBodyFailed(ctx.db, group[0]!.id, `the server did not deliver the message: ${(error as Error).message}`);
    } else {
      for (const one of group.filter((p) => !seen.has(p.uid))) {
        const { parsed } = await fetchGroup(ctx, client, [one]);
        parses.push(parsed);
      }
    }
  }
  return { parsed: Promise.all(parses).then((lists) => lists.flat()) };
}

/**
 * The parsed message with its source (issue 9: every source is kept, the damaged ones too, issue
 * 8 item 18). The imapflow buffer is still ours (the pool parses a copy) and is stored as it is;
 * it lives as long as its batch (≤ bodyBatchBytes, MAX_AHEAD batches ahead), no longer.
 */
async function parseToWrite(ctx: FolderSyncContext, id: string, source: Buffer): Promise<MessageBodyWrite> {
  try {
    const parsed = await ctx.pool.parse(source);
    return { id, ...parsed, source };
  } catch (error) {
    return {
      id,
      contentHash: createHash('sha256').update(source).digest('hex'),
      text: null,
      html: null,
      snippet: '',
      references: [],
      hasAttachments: false,
      attachments: [],
      parseError: `the message could not be parsed: ${(error as Error).message}`,
      source,
    };
  }
}

/**
 * One transaction for the batch. If PostgreSQL refused the batch for its data (a message it cannot
 * hold), message by message, so only that message is marked; any other failure (the connection
 * dropped, the server restarting, a deadlock) is thrown: the rows stay 'pending' and the runner
 * retries them after its backoff (issue 8, item 13: a transient database error marked good mail
 * broken, for good).
 */
async function writeBodies(ctx: FolderSyncContext, folderId: string, items: MessageBodyWrite[]): Promise<number> {
  if (!items.length) return 0;
  try {
    await storeMessageBodies(ctx.db, items, sourcesOf(ctx).put);
  } catch (batchError) {
    if (!isDataException(batchError)) throw batchError;
    ctx.log(`storing a batch of bodies was refused (${sqlStateOf(batchError)}); storing one by one`);
    for (const item of items) await writeOne(ctx, item);
  }
  await publishFolderChange(
    ctx,
    'MESSAGES_UPDATED',
    folderId,
    items.map((i) => i.id),
  );
  return items.length;
}

async function writeOne(ctx: FolderSyncContext, item: MessageBodyWrite): Promise<void> {
  try {
    await storeMessageBodies(ctx.db, [item], sourcesOf(ctx).put);
    return;
  } catch (error) {
    if (!isDataException(error)) throw error;
  }
  try {
    // Most likely a lone UTF-16 surrogate, which PostgreSQL's JSON refuses: once more, well-formed.
    await storeMessageBodies(ctx.db, [wellFormedWrite(item)], sourcesOf(ctx).put);
  } catch (error) {
    if (!isDataException(error)) throw error;
    const reason = `the message could not be stored: ${driverMessage(error)}`;
    const why = item.parseError ? `${item.parseError}; ${reason}` : reason;
    await markBodyFailed(ctx.db, item.id, why, item.source, sourcesOf(ctx).put);
  }
}

const sourcesOf = (ctx: FolderSyncContext) => ctx.sources ?? databaseSourceStore;
