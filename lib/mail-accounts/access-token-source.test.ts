import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailAccount } from '../../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { MailServer } from '../mail/server/mail-server.ts';
import { withFreshAccessToken, type AccessTokenSource } from './access-token-source.ts';

const account = { id: 'account-1' } as MailAccount;
const base = { host: 'imap.example.test', port: 993, ssl: true, username: 'ann@example.test' };
const password: MailServer = { ...base, credentials: { kind: 'password', password: 'pw' } };
const oauth2: MailServer = {
  ...base,
  credentials: {
    kind: 'oauth2',
    provider: 'google',
    refreshToken: 'refresh',
    accessToken: 'stale',
    expiresAt: new Date(0),
    scopes: ['https://mail.google.com/'],
  },
};

test('a password server connects as stored: the token source is not asked', async () => {
  const never: AccessTokenSource = () => assert.fail('asked for a token');
  assert.equal(await withFreshAccessToken(password, account, 'imap', never), password);
});

test('an OAuth2 server connects with the access token the source gives now, for that account and server', async () => {
  const asked: Array<[string, string]> = [];
  const source: AccessTokenSource = async (a, kind) => (asked.push([a.id, kind]), 'fresh');
  const server = await withFreshAccessToken(oauth2, account, 'smtp', source);
  assert.deepEqual(asked, [['account-1', 'smtp']]);
  assert.deepEqual(server.credentials, { ...oauth2.credentials, accessToken: 'fresh' });
});

test('without a token source an OAuth2 account must sign in again: MAIL_OAUTH_RECONNECT_REQUIRED, reported, not retried', async () => {
  await assert.rejects(
    withFreshAccessToken(oauth2, account, 'imap'),
    (error: unknown) => error instanceof AppError && error.code === 'MAIL_OAUTH_RECONNECT_REQUIRED' && !error.retryable,
  );
});
