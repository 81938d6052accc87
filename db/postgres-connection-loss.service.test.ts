// A PostgreSQL connection that dies inside a transaction must fail the transaction, not the process
// (issue 8, item 14). postgres.js 3.4.9 sends the ROLLBACK of a transaction whose connection died
// from a setImmediate after closed() nulled its socket: an uncatchable
// `TypeError: Cannot read properties of null (reading 'write')` (porsager/postgres#1154, #1208).
// patches/postgres+3.4.9.patch (applied by patch-package on every install) settles the pending
// queries with CONNECTION_CLOSED instead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import postgres from 'postgres';
import { isRetryableDatabaseError } from './retryable-database-error.ts';
import { TEST_POSTGRES_URL } from '../e2e/support/test-database.ts';

async function flushImmediates() {
  // The crash came from an immediate scheduled by the ROLLBACK: let every pending one run.
  for (let tick = 0; tick < 10; tick++) await new Promise((resolve) => setImmediate(resolve));
}

test('backends terminated inside transactions: each transaction rejects, nothing is thrown uncaught, the pool recovers', async () => {
  const uncaught: unknown[] = [];
  const unhandled: unknown[] = [];
  const onException = (error: unknown) => uncaught.push(error);
  const onRejection = (reason: unknown) => unhandled.push(reason);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  const sql = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  const killer = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  try {
    for (let round = 0; round < 3; round++) {
      // By itself (the backend ends its own session) and from another connection (an operator or
      // a failover), the two ways an import saw its connection go.
      await assert.rejects(
        sql.begin(async (tx) => {
          await tx`select pg_terminate_backend(pg_backend_pid())`;
        }),
        isRetryableDatabaseError,
      );
      await flushImmediates();
      await assert.rejects(
        sql.begin(async (tx) => {
          const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
          await killer`select pg_terminate_backend(${row!.pid})`;
          await tx`select pg_sleep(0.05)`;
        }),
        isRetryableDatabaseError,
      );
      await flushImmediates();
    }
    const rows = await sql<{ one: number }[]>`select 1 as one`;
    assert.equal(rows.at(-1)?.one, 1);
    assert.deepEqual(uncaught, [], 'nothing thrown uncaught (the TypeError from nextWrite)');
    // What postgres.js may still leave behind is a rejection it also gave its caller: a lost
    // connection, which lib/server/process-policy.ts logs and lets pass. Anything else is a bug.
    assert.deepEqual(
      unhandled.filter((reason) => !isRetryableDatabaseError(reason)),
      [],
    );
  } finally {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
    await sql.end({ timeout: 1 });
    await killer.end({ timeout: 1 });
  }
});
