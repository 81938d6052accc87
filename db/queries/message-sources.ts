import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { binaryCopyInto } from '../binary-copy-into.ts';
import { isRetryableDatabaseError } from '../retryable-database-error.ts';
import { messageSources } from '../schema/index.ts';

/** One message's raw source, byte for byte as the server sent it. */
export interface MessageSourceRow {
  messageId: string;
  bytes: Uint8Array;
}

/** Stores sources inside the caller's transaction (the body batch's): the shape of SourceStore.put. */
export type PutMessageSources = (tx: Db, rows: readonly MessageSourceRow[]) => Promise<void>;

/**
 * Stores the sources in `message_sources`, replacing one already stored for the same message.
 * On PostgreSQL by binary COPY (db/binary-copy-into.ts: the bytes go as they are, not as hex
 * text, and the imapflow buffers are written without a copy); on PGlite, and when the COPY is
 * refused (a source already stored for one of the messages: unique violation), by INSERT … ON
 * CONFLICT DO UPDATE. A connection lost during the COPY rejects with a retryable error: the
 * caller retries the batch.
 */
export const storeMessageSources: PutMessageSources = async (tx, rows) => {
  if (!rows.length) return;
  try {
    const copied = await binaryCopyInto(
      tx,
      'message_sources (message_id, bytes, size)',
      // uuid in binary COPY is its 16 bytes (uuid_recv), not its text.
      rows.map((r) => [Buffer.from(r.messageId.replaceAll('-', ''), 'hex'), r.bytes, r.bytes.byteLength]),
    );
    if (copied) return;
  } catch (error) {
    if (isRetryableDatabaseError(error)) throw error;
    // Otherwise the INSERT below replaces what is there and says what else is wrong.
  }
  const values = rows.map((r) => ({ messageId: r.messageId, bytes: toBuffer(r.bytes), size: r.bytes.byteLength }));
  // One bytea parameter each, and a batch can hold tens of MB: a few per statement.
  for (let start = 0; start < values.length; start += 20) {
    await tx
      .insert(messageSources)
      .values(values.slice(start, start + 20))
      .onConflictDoUpdate({ target: messageSources.messageId, set: { bytes: sql`excluded.bytes`, size: sql`excluded.size` } });
  }
};

/** The stored source of a message, or null (not stored: imported before sources were kept, or gone). */
export async function readMessageSource(db: Db, messageId: string): Promise<Buffer | null> {
  const [row] = await db
    .select({ bytes: messageSources.bytes })
    .from(messageSources)
    .where(eq(messageSources.messageId, messageId));
  return row ? toBuffer(row.bytes) : null;
}

export async function hasMessageSource(db: Db, messageId: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(messageSources)
    .where(eq(messageSources.messageId, messageId));
  return rows.length > 0;
}

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
