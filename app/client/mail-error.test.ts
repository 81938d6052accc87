import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ERROR_CODES, type ErrorCode } from '../../lib/errors';
import { isServerProblem, remedyFor, syncFailureLink } from './mail-error';

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

test('every code of the one table maps to its remedy; unknown codes are ours, a lost network passes', () => {
  for (const code of CODES) assert.equal(remedyFor(code), ERROR_CODES[code].remedy, code);
  assert.equal(remedyFor('NETWORK'), 'wait');
  assert.equal(remedyFor('GRAPHQL_VALIDATION_FAILED'), 'ask_operator');
  assert.equal(remedyFor('toString'), 'ask_operator', 'no prototype keys taken for codes');
});

test('More settings is offered exactly for the codes whose remedy is the server settings', () => {
  assert.deepEqual(CODES.filter(isServerProblem).sort(), [
    'BAD_SERVER_ADDRESS',
    'MAIL_ADDRESS_BLOCKED',
    'MAIL_CONNECTION_REFUSED',
    'MAIL_DOMAIN_IS_ADDRESS',
    'MAIL_HOST_NOT_FOUND',
    'MAIL_OAUTH_NOT_OFFERED',
    'MAIL_SETTINGS_NOT_FOUND',
    'MAIL_TIMEOUT',
    'MAIL_TLS_FAILED',
    'SMTP_AUTH_NOT_OFFERED',
    'STARTTLS_NOT_OFFERED',
  ]);
});

test('the mailbox page links every stopped sync to its way out, not only a refused password', () => {
  for (const code of CODES) {
    const link = syncFailureLink('ERROR', code);
    const remedy = ERROR_CODES[code].remedy;
    if (remedy === 'reenter_password') assert.deepEqual(link, { href: '/settings/email', label: 'reconnect' }, code);
    else if (remedy === 'check_server_settings' || remedy === 'trust_certificate')
      assert.deepEqual(link, { href: '/settings/email', label: 'serverSettings' }, code);
    else if (remedy === 'sign_in') assert.equal(link?.href, '/sign-in', code);
    else assert.equal(link, null, code);
  }
  // The runner's status wins: a reconnect_required account is reconnected whatever the last code.
  assert.equal(syncFailureLink('RECONNECT_REQUIRED', null)?.label, 'reconnect');
  assert.equal(syncFailureLink('CONNECTED', null), null);
});
