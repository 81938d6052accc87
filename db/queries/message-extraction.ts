import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { messageSources, messages } from '../schema/index.ts';
import { messageSearchVector } from './message-search-vector.ts';
import { rowsOf } from './rows-of.ts';

/**
 * What the extraction worker (lib/message-store/extraction-worker.ts) derives from one stored
 * source (lib/mail/mime/parse-message.ts produces it). The list columns came from ENVELOPE at
 * import; these fill in the rest.
 */
export interface MessageExtraction {
  id: string;
  /** SHA-256 of the raw source: with Message-ID, the message's identity across a UIDVALIDITY change. */
  contentHash: string | null;
  text: string | null;
  html: string | null;
  snippet: string;
  /** The References header (not part of ENVELOPE, RFC 3501 §7.4.2), without angle brackets. */
  references: string[];
  hasAttachments: boolean;
  /** Why the message is damaged or could not be parsed; null when it is fine. */
  parseError: string | null;
  /** An index into the source, not bytes: the download cuts an attachment out on demand. */
  attachments: Array<{
    /** Position among mailparser's attachments (MAIL_PARSER_OPTIONS): how the download finds it. */
    ordinal: number;
    filename: string | null;
    contentType: string;
    size: number;
    contentId: string | null;
    /** Shown in the body (a `cid:` image of a multipart/related), not listed as an attachment. */
    inline: boolean;
    /** SHA-256 (hex) of the decoded content. */
    hash: string;
  }>;
}

/** A message whose stored source waits for extraction. */
export interface ExtractionWork {
  id: string;
  accountId: string;
  folderId: string;
  size: number;
}

/**
 * Up to `limit` messages with a stored source extracted by an older version than `version` (0:
 * never), newest first — the first page of a list gets its snippets first; a version bump
 * re-parses what was extracted before only after the never-extracted ones. The partial index
 * messages_extract_todo_idx serves it in this order.
 */
export async function listExtractionWork(db: Db, version: number, limit: number): Promise<ExtractionWork[]> {
  return db
    .select({ id: messages.id, accountId: messages.accountId, folderId: messages.folderId, size: messages.size })
    .from(messages)
    .where(sql`${messages.bodyState} = 'done' and ${messages.extractedVersion} < ${version}`)
    .orderBy(sql`${messages.extractedVersion}, ${messages.internalDate} desc nulls first, ${messages.id} desc nulls first`)
    .limit(limit);
}

/** The stored sources of `ids` (those that have one). */
export async function readSources(db: Db, ids: readonly string[]): Promise<Map<string, Buffer>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: messageSources.messageId, bytes: messageSources.bytes })
    .from(messageSources)
    .where(inArray(messageSources.messageId, [...ids]));
  return new Map(rows.map((r) => [r.id, Buffer.isBuffer(r.bytes) ? r.bytes : Buffer.from(r.bytes)]));
}

/**
 * Stores what was extracted for a batch in one transaction: bodies, the attachment index
 * (replacing an earlier extraction's: a re-parse after a version bump), the row's snippet,
 * References, content hash, parse error, search document and `extracted_version`. Rows another
 * process is writing are skipped (`FOR UPDATE SKIP LOCKED`), and rows already at `version` or no
 * longer 'done' (expunged, re-mapped) are left alone: several processes may extract the same
 * message, and only one writes it. Returns the ids written.
 */
export async function storeExtractions(db: Db, version: number, items: readonly MessageExtraction[]): Promise<string[]> {
  if (!items.length) return [];
  return db.transaction(async (tx) => {
    // Derived data: a crash loses at most the last batches, which are extracted again.
    await tx.execute(sql`set local synchronous_commit = off`);
    const claimed = rowsOf<{ id: string }>(
      await tx.execute(sql`select id from messages
        where id in (select (jsonb_array_elements_text(${JSON.stringify(items.map((i) => i.id))}::jsonb))::uuid)
          and body_state = 'done' and extracted_version < ${version}
        for update skip locked`),
    ).map((r) => r.id);
    if (!claimed.length) return [];
    const mine = new Set(claimed);
    const batch = items.filter((i) => mine.has(i.id));
    const ids = JSON.stringify(claimed);
    const parts = batch.flatMap((i) =>
      i.attachments.map((a) => ({
        message_id: i.id,
        ordinal: a.ordinal,
        filename: a.filename,
        content_type: a.contentType,
        size: a.size,
        content_id: a.contentId,
        inline: a.inline,
        content_hash: a.hash,
      })),
    );
    const summary = batch.map((i) => ({
      id: i.id,
      content_hash: i.contentHash,
      snippet: i.snippet,
      refs: i.references,
      has_attachments: i.hasAttachments,
      parse_error: i.parseError,
    }));
    // Queued together on the transaction's connection (postgres.js pipelines them); the UPDATE
    // last, because the search document reads the bodies and attachments written before it.
    await Promise.all([
      tx.execute(sql`
        insert into message_bodies (message_id, text, html)
        select message_id, text, html
        from json_to_recordset(${JSON.stringify(batch.map((i) => ({ message_id: i.id, text: i.text, html: i.html })))}::json)
          as v(message_id uuid, text text, html text)
        on conflict (message_id) do update set text = excluded.text, html = excluded.html`),
      tx.execute(sql`delete from attachments
        where message_id in (select (jsonb_array_elements_text(${ids}::jsonb))::uuid)`),
      tx.execute(sql`
        insert into attachments (message_id, ordinal, filename, content_type, size, content_id, inline, content_hash)
        select message_id, ordinal, filename, content_type, size, content_id, inline, content_hash
        from json_to_recordset(${JSON.stringify(parts)}::json)
          as v(message_id uuid, ordinal integer, filename text, content_type text, size integer, content_id text,
               inline boolean, content_hash text)`),
      tx
        .update(messages)
        .set({
          contentHash: sql`v.content_hash`,
          snippet: sql`v.snippet`,
          references: sql`v.refs`,
          hasAttachments: sql`v.has_attachments`,
          parseError: sql`v.parse_error`,
          extractedVersion: version,
          searchVector: messageSearchVector,
        })
        .from(
          sql`jsonb_to_recordset(${JSON.stringify(summary)}::jsonb) as v(id uuid, content_hash text, snippet text, refs text[], has_attachments boolean, parse_error text)`,
        )
        .where(sql`${messages.id} = v.id`),
    ]);
    return claimed;
  });
}

/** Messages per account whose stored source waits for extraction at `version`. */
export async function countExtractionBacklog(db: Db, version: number): Promise<Map<string, number>> {
  const rows = await db
    .select({ accountId: messages.accountId, n: sql<number>`count(*)::int` })
    .from(messages)
    .where(sql`${messages.bodyState} = 'done' and ${messages.extractedVersion} < ${version}`)
    .groupBy(messages.accountId);
  return new Map(rows.map((r) => [r.accountId, Number(r.n)]));
}

/** Where an account's messages stand in the store: sources fetched, failed, waiting; extracted (indexed). */
export interface MessageStoreState {
  messages: number;
  /** Source stored ('done'). */
  sourcesStored: number;
  /** Envelope only: the source is still to be fetched. */
  sourcesPending: number;
  /** The server did not deliver the message, or it could not be stored. */
  sourcesFailed: number;
  /** Stored and extracted at the current version: snippet, bodies, attachment index, searchable. */
  indexed: number;
}

/** One grouped query over the account's rows (the admin overview; cheap next to listing them). */
export async function messageStoreState(db: Db, accountId: string, version: number): Promise<MessageStoreState> {
  const [row] = rowsOf<{ messages: number; stored: number; pending: number; failed: number; indexed: number }>(
    await db.execute(sql`select count(*)::int as messages,
        (count(*) filter (where body_state = 'done'))::int as stored,
        (count(*) filter (where body_state = 'pending'))::int as pending,
        (count(*) filter (where body_state = 'error'))::int as failed,
        (count(*) filter (where body_state <> 'pending' and extracted_version >= ${version}))::int as indexed
      from messages where account_id = ${accountId}`),
  );
  return {
    messages: Number(row?.messages ?? 0),
    sourcesStored: Number(row?.stored ?? 0),
    sourcesPending: Number(row?.pending ?? 0),
    sourcesFailed: Number(row?.failed ?? 0),
    indexed: Number(row?.indexed ?? 0),
  };
}

/**
 * Waits until no other transaction is writing the message's row (a FOR SHARE lock waits for the
 * extraction worker's FOR UPDATE to commit), then lets go. For a reader that lost the race to
 * store an extraction (storeExtractions skipped the row): afterwards the winner's attachment
 * rows are there to read.
 */
export async function waitForRowWriters(db: Db, messageId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from messages where id = ${messageId} for share`);
  });
}
