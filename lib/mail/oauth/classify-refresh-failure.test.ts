import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResponseBodyError } from 'openid-client';
import { ERROR_CODES } from '../../errors.ts';
import { classifyRefreshFailure } from './classify-refresh-failure.ts';

/** What openid-client throws for an OAuth error answer of the token endpoint (RFC 6749 §5.2). */
function oauthError(status: number, error: string, description?: string): ResponseBodyError {
  const body = { error, ...(description ? { error_description: description } : {}) };
  const response = new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  return new ResponseBodyError('server responded with an error in the response body', { cause: body, response });
}

test('invalid_grant (revoked, expired, password changed) needs the owner: reconnect, not retried', () => {
  for (const error of [
    oauthError(400, 'invalid_grant', 'Token has been expired or revoked.'), // Google
    oauthError(400, 'invalid_grant', 'AADSTS50173: The provided grant has expired due to it being revoked.'), // Microsoft
    oauthError(400, 'invalid_scope'),
    oauthError(400, 'interaction_required'),
  ]) {
    const failure = classifyRefreshFailure(error);
    assert.equal(failure.action, 'reconnect', error.error);
    assert.equal(failure.code, 'OAUTH_GRANT_REVOKED');
    assert.equal(ERROR_CODES[failure.code].retry, false);
  }
  assert.match(classifyRefreshFailure(oauthError(400, 'invalid_grant', 'gone')).reason, /^invalid_grant: gone$/);
});

test("a refused client id or secret is the operator's, not the owner's", () => {
  for (const name of ['invalid_client', 'unauthorized_client']) {
    const failure = classifyRefreshFailure(oauthError(401, name));
    assert.equal(failure.action, 'operator');
    assert.equal(ERROR_CODES[failure.code].remedy, 'ask_operator');
  }
});

test('a provider that is down, overloaded or unreachable is retried later', () => {
  const retried = [
    oauthError(503, 'temporarily_unavailable'),
    oauthError(500, 'server_error'),
    oauthError(502, 'invalid_grant'), // an error body on a 5xx is the gateway talking, not the grant
    Object.assign(new Error('connect ECONNREFUSED 142.250.1.1:443'), { code: 'ECONNREFUSED' }),
    new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    { status: 429 },
    undefined,
  ];
  for (const error of retried) {
    const failure = classifyRefreshFailure(error);
    assert.equal(failure.action, 'retry', String((error as { error?: string })?.error ?? error));
    assert.equal(ERROR_CODES[failure.code].retry, true);
  }
});
