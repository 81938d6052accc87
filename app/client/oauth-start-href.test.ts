import assert from 'node:assert/strict';
import { test } from 'node:test';
import { needsOAuthSignIn, oauthErrorOf, oauthStartHref } from './oauth-start-href.ts';

test('the start link carries the provider, the address or the account, and where to come back', () => {
  assert.equal(
    oauthStartHref({ provider: 'google', email: 'kim+x@ws.test', from: 'inbox' }),
    '/api/oauth/start?provider=google&email=kim%2Bx%40ws.test&from=inbox',
  );
  assert.equal(oauthStartHref({ provider: 'microsoft', account: 'a-1' }), '/api/oauth/start?provider=microsoft&account=a-1');
});

test('oauthError is read only as an error code', () => {
  assert.equal(oauthErrorOf('?oauthError=OAUTH_ACCESS_DENIED'), 'OAUTH_ACCESS_DENIED');
  assert.equal(oauthErrorOf('?oauthError=<script>'), null);
  assert.equal(oauthErrorOf(''), null);
});

test('"Sign in again" for an OAuth2 account stopped for its grant, by status or live error code', () => {
  const oauth = { authKind: 'OAUTH2', oauthProvider: 'google' };
  assert.equal(needsOAuthSignIn({ status: 'RECONNECT_REQUIRED', imap: oauth }), true);
  assert.equal(needsOAuthSignIn({ status: 'CONNECTED', imap: oauth }, 'MAIL_OAUTH_RECONNECT_REQUIRED'), true);
  assert.equal(needsOAuthSignIn({ status: 'CONNECTED', imap: oauth }, 'MAIL_CONNECTION_FAILED'), false);
  assert.equal(needsOAuthSignIn({ status: 'RECONNECT_REQUIRED', imap: { authKind: 'PASSWORD', oauthProvider: null } }), false);
});
