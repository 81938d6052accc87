import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { binaryCopyInto } from '../binary-copy-into.ts';
import { isRetryableDatabaseError } from '../retryable-database-error.ts';
import { rowsOf } from './rows-of.ts';
import { attachmentBlobs } from '../schema/index.ts';

/**
 * Stores attachment bytes, content-addressed by SHA-256 (`hash` → bytes). A blob already stored
 * (the same logo in every newsletter) is neither sent nor written again. `db` may be a
 * transaction (storeMessageBodies writes blobs and the rows pointing at them in one).
 *
 * On PostgreSQL the bytes go by binary COPY (db/binary-copy-into.ts). PGlite, and a COPY that
 * fails (another process stored one of the blobs meanwhile: unique violation), take a plain
 * INSERT … ON CONFLICT DO NOTHING. A COPY that failed because the connection died rejects with an
 * error `isRetryableDatabaseError` recognises: the caller retries the batch (issue 8 item 14).
 */
export async function storeAttachmentBlobs(db: Db, blobs: ReadonlyMap<string, Uint8Array>): Promise<void> {
  if (!blobs.size) return;
  const missing = new Map(blobs);
  const stored = await db
    .select({ hash: attachmentBlobs.hash })
    .from(attachmentBlobs)
    .where(inArray(attachmentBlobs.hash, [...missing.keys()]));
  for (const { hash } of stored) missing.delete(hash);
  if (!missing.size) return;

  try {
    const copied = await binaryCopyInto(
      db,
      'attachment_blobs (hash, size, data)',
      [...missing].map(([hash, data]) => [hash, data.byteLength, data]),
    );
    if (copied) return;
  } catch (error) {
    // The connection is gone (inside a transaction, the transaction with it): retry the batch.
    if (isRetryableDatabaseError(error)) throw error;
    // Otherwise fall through: the INSERT skips what is already there and says what else is wrong.
  }
  // A few rows per statement: each bytea is a parameter, and a batch can hold tens of MB.
  const rows = [...missing].map(([hash, data]) => ({ hash, size: data.byteLength, data: toBuffer(data) }));
  for (let start = 0; start < rows.length; start += 50) {
    await db
      .insert(attachmentBlobs)
      .values(rows.slice(start, start + 50))
      .onConflictDoNothing({ target: attachmentBlobs.hash });
  }
}

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Blobs deleted per statement by the sweep. @default 500 */
const SWEEP_BATCH = 500;

/**
 * Deletes attachment bytes no attachment row points at any more: deleting a message (expunged
 * on the server, its account removed) cascades to its attachment rows but not to the bytes,
 * which other messages may share. In batches, each its own statement: a blob that a running
 * import references at the same moment makes that batch fail (the foreign key), and the next
 * sweep takes it if it is still unreferenced then. Returns how many were deleted.
 */
export async function sweepUnreferencedBlobs(db: Db): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = rowsOf<{ hash: string }>(
      await db.execute(sql`
        delete from attachment_blobs where hash in (
          select b.hash from attachment_blobs b
          where not exists (select 1 from attachments a where a.blob_hash = b.hash)
          limit ${SWEEP_BATCH})
        returning hash`),
    );
    deleted += rows.length;
    if (rows.length < SWEEP_BATCH) return deleted;
  }
}
