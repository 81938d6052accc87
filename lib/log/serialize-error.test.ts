import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { serializeError } from './serialize-error.ts';

const SECRET = 'Subject: quarterly numbers — the whole mail text';

test('a drizzle error keeps its SQLSTATE and drops the SQL, the parameters and the quoted value', () => {
  const postgres = Object.assign(new Error(`invalid input syntax for type uuid: "${SECRET}"`), {
    name: 'PostgresError',
    code: '22P02',
    severity: 'ERROR',
    routine: 'string_to_uuid',
    query: 'select * from messages where id = $1',
    parameters: [SECRET],
  });
  const error = new DrizzleQueryError('select * from messages where id = $1', [SECRET], postgres);
  const serialized = serializeError(error);
  assert.equal(serialized.type, 'DatabaseError');
  assert.equal(serialized.code, '22P02');
  assert.equal(serialized.routine, 'string_to_uuid');
  assert.doesNotMatch(JSON.stringify(serialized), /quarterly|select \*/);
});

test('other errors keep type, code and a capped message; their other properties and causes stay out', () => {
  const cause = Object.assign(new Error('connection lost'), { code: 'ECONNRESET', response: SECRET });
  const error = Object.assign(new Error('x'.repeat(10_000), { cause }), { code: 'E1', body: SECRET, source: SECRET });
  const serialized = serializeError(error);
  assert.equal(serialized.code, 'E1');
  assert.ok(String(serialized.message).length < 600);
  assert.deepEqual((serialized.cause as Record<string, unknown>).code, 'ECONNRESET');
  assert.doesNotMatch(JSON.stringify(serialized), /quarterly/);
  assert.doesNotMatch(String(serialized.stack), /xxxx/, 'the stack is frames only, not the message again');
});

test('a non-error is described by its type', () => {
  assert.deepEqual(serializeError('boom'), { type: 'string', message: 'boom' });
});
