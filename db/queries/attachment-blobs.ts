import 'server-only';
import type { Writable } from 'node:stream';
import { inArray, sql } from 'drizzle-orm';
import type { Sql, TransactionSql } from 'postgres';
import type { Db } from '../client.ts';
import { encodeBinaryCopy } from '../pg-binary-copy.ts';
import { DatabaseConnectionLostError, isDatabaseConnectionLoss, isRetryableDatabaseError } from '../retryable-database-error.ts';
import { sqlStateOf } from '../is-data-exception.ts';
import { rowsOf } from './rows-of.ts';
import { attachmentBlobs } from '../schema/index.ts';

/**
 * Stores attachment bytes, content-addressed by SHA-256 (`hash` → bytes). A blob already stored
 * (the same logo in every newsletter) is neither sent nor written again. `db` may be a
 * transaction (storeMessageBodies writes blobs and the rows pointing at them in one).
 *
 * On PostgreSQL (postgres.js) the bytes go by binary COPY, not as bytea parameters, which
 * postgres.js would send as hex text (see db/pg-binary-copy.ts for what that cost). PGlite, and
 * a COPY that fails (another process stored one of the blobs meanwhile: unique violation), take
 * a plain INSERT … ON CONFLICT DO NOTHING; inside a transaction the COPY runs in a savepoint, so
 * its failure does not abort the rest. A COPY that failed because the connection died rejects
 * with an error `isRetryableDatabaseError` recognises: the caller retries the batch (issue 8 item 14).
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

  const client = postgresJsClient(db);
  if (client) {
    try {
      await copyBlobs(client, missing);
      return;
    } catch (error) {
      // The connection is gone (inside a transaction, the transaction with it): retry the batch.
      if (isRetryableDatabaseError(error)) throw error;
      // Otherwise fall through: the INSERT skips what is already there and says what else is wrong.
    }
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

/**
 * postgres.js never settles a COPY stream the server rejects after CopyDone (a unique violation
 * found when the last rows are flushed), so the stream's end is not awaited: a `select 1` queued
 * behind the COPY on the same connection fails instead (the transaction is aborted) or succeeds
 * once the COPY is complete. Inside a transaction the COPY runs in a savepoint, and postgres.js
 * rolls back to it when the probe fails, so the INSERT fallback can run in the same transaction.
 */
async function copyBlobs(client: PostgresJsClient, blobs: ReadonlyMap<string, Uint8Array>): Promise<void> {
  const copy = async (sql: TransactionSql) => {
    const stream = await sql`copy attachment_blobs (hash, size, data) from stdin with (format binary)`.writable();
    // postgres.js destroys the stream with the error when the connection drops; writeAll and the
    // probe report it, this only keeps it from being an uncaught 'error'.
    stream.on('error', () => {});
    await writeAll(stream, encodeBinaryCopy([...blobs].map(([hash, data]) => [hash, data.byteLength, data])));
    stream.end();
    // All writes are flushed, so postgres.js ends the COPY now (its _final) and frees the connection for the probe.
    await new Promise((resolve) => setImmediate(resolve));
    await sql`select 1`;
  };
  if ('savepoint' in client) {
    await client.savepoint(copy);
  } else {
    await client.begin(async (tx) => {
      await tx`set local synchronous_commit = off`;
      await copy(tx);
    });
  }
}

/** Small chunks (row prefixes) are gathered up to this before a write. @default 64 KiB */
const WRITE_BYTES = 64 * 1024;

/**
 * Writes every chunk, one at a time: the next only after the last one's callback. postgres.js's
 * COPY stream writes to its connection's socket, which it sets to null when the connection
 * closes; a chunk left in the stream's buffer is written from the previous write's callback,
 * outside any caller, and that write threw an uncaught `TypeError: Cannot read properties of
 * null (reading 'write')` when database connections were terminated mid-import (issue 8 item
 * 14). With nothing buffered, every write starts inside this function, where its failure is
 * caught and reported as a lost connection; a stream that errors or closes meanwhile ends the
 * wait too (a drain that never comes would hang the import).
 */
/**
 * postgres.js destroys the COPY stream with the server's error too: a unique violation (a rival
 * committed the same blob) or a data error mid-stream is that error, for the caller's fallback,
 * not a lost connection to retry.
 */
function lostUnlessServerSaid(error: unknown): unknown {
  const state = sqlStateOf(error);
  if (state !== undefined && !isDatabaseConnectionLoss(error)) return error;
  return new DatabaseConnectionLostError('binary COPY', { cause: error });
}

async function writeAll(stream: Writable, chunks: Iterable<Buffer>): Promise<void> {
  let ended: (error: unknown) => void = () => {};
  const interrupted = new Promise<never>((_, reject) => (ended = reject));
  interrupted.catch(() => {}); // raced below
  const onError = (error: unknown) => ended(lostUnlessServerSaid(error));
  const onClose = () => ended(new DatabaseConnectionLostError('binary COPY'));
  stream.on('error', onError);
  stream.on('close', onClose);
  const writeOne = (chunk: Buffer) =>
    new Promise<void>((resolve, reject) => {
      try {
        stream.write(chunk, (error) => (error ? reject(lostUnlessServerSaid(error)) : resolve()));
      } catch (error) {
        // postgres.js wrote to its socket after the connection closed.
        reject(new DatabaseConnectionLostError('binary COPY', { cause: error }));
      }
    });
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (!pending.length) return;
      const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      await Promise.race([writeOne(chunk), interrupted]);
    };
    for (const chunk of chunks) {
      if (stream.destroyed) throw new DatabaseConnectionLostError('binary COPY');
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= WRITE_BYTES) await flush();
    }
    await flush();
  } finally {
    stream.off('error', onError);
    stream.off('close', onClose);
  }
}

type PostgresJsClient = Sql | TransactionSql;

/**
 * The postgres.js client behind a drizzle database (`$client`) or transaction (`session.client`,
 * a TransactionSql), or null on PGlite.
 */
function postgresJsClient(db: Db): PostgresJsClient | null {
  const handle = db as unknown as { $client?: unknown; session?: { client?: unknown } };
  const client = (handle.session?.client ?? handle.$client) as Partial<TransactionSql> | undefined;
  if (!client || typeof client.unsafe !== 'function') return null;
  return typeof client.savepoint === 'function' || typeof (client as Partial<Sql>).begin === 'function'
    ? (client as PostgresJsClient)
    : null;
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
