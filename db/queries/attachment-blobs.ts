import 'server-only';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { inArray } from 'drizzle-orm';
import type { Sql } from 'postgres';
import type { Db } from '../client.ts';
import { encodeBinaryCopy } from '../pg-binary-copy.ts';
import { attachmentBlobs } from '../schema/index.ts';

/**
 * Stores attachment bytes, content-addressed by SHA-256 (`hash` → bytes). A blob already stored
 * (the same logo in every newsletter) is neither sent nor written again.
 *
 * Runs on its own, before the transaction that stores the attachment rows pointing at the blobs:
 * blobs are immutable and keyed by their content, so writing one early is always correct; if the
 * later transaction fails, the blob stays unreferenced until it is written again (no sweep yet).
 *
 * On PostgreSQL (postgres.js) the bytes go by binary COPY, not as bytea parameters, which
 * postgres.js would send as hex text (see db/pg-binary-copy.ts for what that cost). PGlite, and
 * a COPY that fails (another process stored one of the blobs meanwhile: unique violation), take
 * a plain INSERT … ON CONFLICT DO NOTHING.
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

async function copyBlobs(client: Sql, blobs: ReadonlyMap<string, Uint8Array>): Promise<void> {
  await client.begin(async (tx) => {
    const copy = await tx`copy attachment_blobs (hash, size, data) from stdin with (format binary)`.writable();
    await writeAll(copy, encodeBinaryCopy([...blobs].map(([hash, data]) => [hash, data.byteLength, data])));
    // postgres.js never settles a COPY stream the server rejects after CopyDone (a unique
    // violation found when the last rows are flushed), so its end is not awaited: a query
    // queued behind the COPY on the same connection fails instead (the transaction is
    // aborted) or succeeds once the COPY has committed its rows to the transaction.
    copy.end();
    await new Promise((resolve) => setImmediate(resolve));
    await tx`select 1`;
  });
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

/** The postgres.js client behind a drizzle database, or null (PGlite). */
function postgresJsClient(db: Db): Sql | null {
  const client = (db as unknown as { $client?: unknown }).$client as Partial<Sql> | undefined;
  return client && typeof client.begin === 'function' && typeof client.unsafe === 'function' ? (client as Sql) : null;
}

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
