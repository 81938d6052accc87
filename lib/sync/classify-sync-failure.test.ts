import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError, ERROR_CODES, type ErrorCode } from '../errors.ts';
import { classifySyncFailure } from './classify-sync-failure.ts';

test('a refused or unreadable password, or disabled IMAP, needs the owner: reconnect_required', () => {
  for (const code of ['MAIL_AUTH_FAILED', 'MAIL_IMAP_DISABLED', 'MAIL_PASSWORD_UNREADABLE'] as const) {
    const failure = classifySyncFailure(new AppError(code, { message: 'Incoming mail server (IMAP): no' }));
    assert.deepEqual(failure, {
      action: 'report',
      status: 'reconnect_required',
      code,
      message: 'Incoming mail server (IMAP): no',
    });
  }
});

test('an untrusted certificate or a blocked address is reported as an error, not retried', () => {
  for (const code of ['MAIL_TLS_UNTRUSTED', 'STARTTLS_NOT_OFFERED', 'MAIL_ADDRESS_BLOCKED'] as const) {
    const failure = classifySyncFailure(new AppError(code));
    assert.equal(failure.action, 'report');
    assert.equal(failure.action === 'report' && failure.status, 'error');
  }
});

test('network trouble, unknown errors and our own bugs are retried', () => {
  assert.equal(classifySyncFailure(new AppError('MAIL_CONNECTION_REFUSED')).action, 'retry');
  assert.equal(classifySyncFailure(new AppError('MAIL_TIMEOUT')).action, 'retry');
  assert.equal(classifySyncFailure(new AppError('INTERNAL')).action, 'retry');
  assert.deepEqual(classifySyncFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), {
    action: 'retry',
    code: 'ECONNRESET',
    message: 'socket hang up',
  });
  assert.equal(classifySyncFailure('weird').action, 'retry');
});

test('every code of the one table is classified as the table says: retry, or report with the status its remedy implies', () => {
  for (const [code, info] of Object.entries(ERROR_CODES) as Array<[ErrorCode, (typeof ERROR_CODES)[ErrorCode]]>) {
    const failure = classifySyncFailure(new AppError(code));
    if (info.retry) {
      assert.equal(failure.action, 'retry', code);
    } else {
      assert.deepEqual(
        failure,
        {
          action: 'report',
          status: info.remedy === 'reenter_password' ? 'reconnect_required' : 'error',
          code,
          message: info.userMessage,
        },
        code,
      );
    }
  }
});
