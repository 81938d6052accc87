import assert from 'node:assert/strict';
import type { Sql } from 'postgres';
import { isRetryableDatabaseError } from '../../db/retryable-database-error.ts';

/**
 * The fault drill of issue 8 item 14 for a binary COPY: from another connection (`killer`),
 * terminates the backend running `copy <table>` as soon as it shows up in pg_stat_activity (polls
 * state, no timer), then asserts that `storing` failed with a retryable error.
 */
export async function terminateCopyAndExpectRetryable(killer: Sql, table: string, storing: Promise<unknown>): Promise<void> {
  storing.catch(() => {}); // awaited below, after the termination
  let terminated = 0;
  while (!terminated) {
    const rows = await killer`
      select pg_terminate_backend(pid) as done from pg_stat_activity
      where query ilike ${`copy ${table}%`} and pid <> pg_backend_pid()`;
    terminated = rows.filter((row) => row.done).length;
    if (!terminated) await new Promise((resolve) => setImmediate(resolve));
  }
  const error = await storing.then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof Error, 'the batch failed');
  assert.equal(isRetryableDatabaseError(error), true, `retryable: ${String(error)}`);
}
