import assert from 'node:assert/strict';
import { test } from 'node:test';
import { driverMessage, isDataException, sqlStateOf } from './is-data-exception.ts';

/** As drizzle wraps a driver error: its message carries the statement's parameters. */
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: insert …\nparams: mail text'), { cause });
const pgError = (code: string, message = 'refused') => Object.assign(new Error(message), { code });

test('a refusal of the data (classes 22 and 54) may mark the message; the database’s own trouble may not', () => {
  assert.equal(isDataException(wrapped(pgError('22P02', 'invalid input syntax for type json'))), true);
  assert.equal(isDataException(pgError('54000')), true);
  for (const code of ['57P01', '40001', '40P01', '08006', '23503', '53300', 'CONNECTION_CLOSED', 'ECONNRESET']) {
    assert.equal(isDataException(wrapped(pgError(code))), false, code);
  }
  assert.equal(isDataException(new Error('anything')), false);
  assert.equal(isDataException(undefined), false);
});

test('the SQLSTATE and the driver’s message are found under drizzle’s wrapper, without its parameters', () => {
  const error = wrapped(pgError('22P02', 'invalid input syntax for type json'));
  assert.equal(sqlStateOf(error), '22P02');
  assert.equal(driverMessage(error), 'invalid input syntax for type json');
  assert.equal(driverMessage('text'), 'text');
});
