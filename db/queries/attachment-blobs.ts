import 'server-only';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { inArray, sql } from 'drizzle-orm';
import type { Sql, TransactionSql } from 'postgres';
import type { Db } from '../client.ts';
import { encodeBinaryCopy } from '../pg-binary-copy.ts';
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
 * its failure does not abort the rest.
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
    } catch {
      // Fall through: the INSERT skips what is already there and says what else is wrong.
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
    // postgres.js destroys the stream with the error when the connection drops; the write
    // callbacks and the probe report it, this only keeps it from being an uncaught 'error'.
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

/** Writes every chunk, waiting for the socket when it is full and for the last write to flush. */
async function writeAll(stream: Writable, chunks: Iterable<Buffer>): Promise<void> {
  let last: Promise<void> = Promise.resolve();
  for (const chunk of chunks) {
    let flushed!: () => void;
    let failed!: (error: Error) => void;
    last = new Promise<void>((resolve, reject) => ((flushed = resolve), (failed = reject)));
    last.catch(() => {}); // surfaced below or by the drain wait
    const more = stream.write(chunk, (error) => (error ? failed(error) : flushed()));
    if (!more) await once(stream, 'drain');
  }
  await last;
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
