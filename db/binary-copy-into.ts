import 'server-only';
import type { Writable } from 'node:stream';
import type { Sql, TransactionSql } from 'postgres';
import type { Db } from './client.ts';
import { sqlStateOf } from './is-data-exception.ts';
import { encodeBinaryCopy, type BinaryCopyValue } from './pg-binary-copy.ts';
import { DatabaseConnectionLostError, isDatabaseConnectionLoss } from './retryable-database-error.ts';

/**
 * Streams `rows` into `target` (`table (column, …)`, a constant of the caller, never input) by
 * `COPY … FROM STDIN WITH (FORMAT binary)` on PostgreSQL (postgres.js). Returns false, writing
 * nothing, on PGlite, whose callers take a plain INSERT instead.
 *
 * Why COPY: postgres.js sends every bytea parameter as hex text (see db/pg-binary-copy.ts). Inside
 * a transaction the COPY runs in a savepoint, so a COPY the server rejects (a unique violation: a
 * rival committed the same row) is rolled back alone and the caller's INSERT fallback can run in
 * the same transaction. A COPY that failed because the connection died rejects with an error
 * `isRetryableDatabaseError` recognises: the caller retries the batch (issue 8 item 14).
 *
 * postgres.js never settles a COPY stream the server rejects after CopyDone (a unique violation
 * found when the last rows are flushed), so the stream's end is not awaited: a `select 1` queued
 * behind the COPY on the same connection fails instead (the transaction is aborted) or succeeds
 * once the COPY is complete; postgres.js rolls back to the savepoint when the probe fails.
 */
export async function binaryCopyInto(db: Db, target: string, rows: Iterable<readonly BinaryCopyValue[]>): Promise<boolean> {
  const client = postgresJsClient(db);
  if (!client) return false;
  const copy = async (sql: TransactionSql) => {
    const stream = await sql.unsafe(`copy ${target} from stdin with (format binary)`).writable();
    // postgres.js destroys the stream with the error when the connection drops; writeAll and the
    // probe report it, this only keeps it from being an uncaught 'error'.
    stream.on('error', () => {});
    await writeAll(stream, encodeBinaryCopy(rows));
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
  return true;
}

/** Small chunks (row prefixes) are gathered up to this before a write. @default 64 KiB */
const WRITE_BYTES = 64 * 1024;

/**
 * postgres.js destroys the COPY stream with the server's error too: a unique violation (a rival
 * committed the same row) or a data error mid-stream is that error, for the caller's fallback,
 * not a lost connection to retry.
 */
function lostUnlessServerSaid(error: unknown): unknown {
  const state = sqlStateOf(error);
  if (state !== undefined && !isDatabaseConnectionLoss(error)) return error;
  return new DatabaseConnectionLostError('binary COPY', { cause: error });
}

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
