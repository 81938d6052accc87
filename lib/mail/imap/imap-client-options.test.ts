import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailServer } from '../server/mail-server.ts';
import { imapAuth } from './imap-client-options.ts';

const base = { host: 'imap.example.test', port: 993, ssl: true, username: 'ann@example.test' };

test('a password signs in with user and pass; an OAuth2 grant with user and its access token only', () => {
  assert.deepEqual(imapAuth({ ...base, credentials: { kind: 'password', password: 'pw' } }), { user: base.username, pass: 'pw' });
  const oauth2: MailServer = {
    ...base,
    credentials: {
      kind: 'oauth2',
      provider: 'google',
      refreshToken: 'refresh',
      accessToken: 'access',
      expiresAt: new Date(),
      scopes: ['https://mail.google.com/'],
    },
  };
  // The refresh token never goes to the IMAP server (only the authorization server may see it).
  assert.deepEqual(imapAuth(oauth2), { user: base.username, accessToken: 'access' });
});
