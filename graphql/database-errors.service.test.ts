// Real database errors (PostgreSQL and PGlite, through drizzle) described without their values:
// issue 8, item 9 (logs carried the SQL and every parameter; the sync loop called them MAIL_CONNECTION_FAILED).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { testEngines, type OpenedEngine } from '../e2e/support/test-engines.ts';
import { toGraphQLError } from './errors.ts';
import { serializeError } from '../lib/log/serialize-error.ts';
import { classifySyncFailure } from '../lib/sync/classify-sync-failure.ts';
import { databaseErrorFacts, isDatabaseError, withoutValues } from '../db/database-error.ts';

/** A value no honest log line contains. */
const MARKER = `secret-mail-text-${'Z'.repeat(5000)}`;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('the query did not fail');
}

for (const [name, open] of testEngines) {
  describe(`database errors on ${name}`, () => {
    let engine: OpenedEngine;
    before(async () => (engine = await open()));
    after(() => engine?.cleanup());

    test('a bad value: recognised, described by SQLSTATE, the value nowhere', async () => {
      const error = await failure(engine.database.db.execute(sql`select ${MARKER}::uuid as id`));
      assert.ok(String((error as Error).message).includes('Z'.repeat(100)), 'drizzle’s own message carries the value');
      assert.ok(isDatabaseError(error));
      const facts = databaseErrorFacts(error);
      assert.equal(facts.code, '22P02');
      assert.equal(facts.unreachable, false);
      assert.match(facts.message, /^invalid input syntax for type uuid: "…"$/);
      assert.doesNotMatch(JSON.stringify(serializeError(error)), /ZZZZ|secret-mail-text|select/);

      const sync = classifySyncFailure(error);
      assert.equal(sync.code, 'INTERNAL', 'not MAIL_CONNECTION_FAILED');
      assert.doesNotMatch(sync.message, /ZZZZ|secret-mail-text/);
      assert.equal(toGraphQLError(error).extensions.code, 'INTERNAL');
    });

    test('a NUL byte in text: recognised, the value nowhere', async () => {
      const error = await failure(engine.database.db.execute(sql`select ${`${MARKER}\u0000`}::text as t`));
      assert.ok(isDatabaseError(error));
      assert.doesNotMatch(JSON.stringify(serializeError(error)), /ZZZZ|secret-mail-text/);
    });

    if (name === 'PostgreSQL') {
      test('a terminated connection is DATABASE_UNREACHABLE', async () => {
        const error = await failure(engine.database.db.execute(sql`select pg_terminate_backend(pg_backend_pid())`));
        assert.ok(isDatabaseError(error));
        assert.equal(databaseErrorFacts(error).unreachable, true);
        assert.equal(classifySyncFailure(error).code, 'DATABASE_UNREACHABLE');
        assert.equal(toGraphQLError(error).extensions.code, 'DATABASE_UNREACHABLE');
      });
    }
  });
}

test('withoutValues cuts at the first quote, whatever the value holds', () => {
  assert.equal(withoutValues('invalid input syntax for type uuid: "a"b"c'), 'invalid input syntax for type uuid: "…"');
  assert.equal(withoutValues('integer out of range'), 'integer out of range');
  assert.ok(withoutValues('x'.repeat(10_000)).length <= 200);
});
