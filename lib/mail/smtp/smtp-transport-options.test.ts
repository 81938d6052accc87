import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailServer } from '../server/mail-server.ts';
import { smtpAuth } from './smtp-transport-options.ts';

const base = { host: 'smtp.example.test', port: 465, ssl: true, username: 'ann@example.test' };
const oauth2: MailServer = {
  ...base,
  credentials: {
    kind: 'oauth2',
    provider: 'microsoft',
    refreshToken: 'refresh',
    accessToken: 'access',
    expiresAt: new Date(Date.now() + 3_600_000),
    scopes: ['https://outlook.office.com/SMTP.Send'],
  },
};

test('a password is sent as credentials (PLAIN or LOGIN)', () => {
  assert.deepEqual(smtpAuth({ ...base, credentials: { kind: 'password', password: 'pw' } }), { user: base.username, pass: 'pw' });
});

test('an OAuth2 grant is an XOAUTH2 token of user and access token (RFC 7628 framing), never the refresh token', async () => {
  const auth = smtpAuth(oauth2);
  assert.ok(auth && 'oauth2' in auth && !('pass' in auth));
  const { oauth2: generator } = auth as unknown as {
    oauth2: { getToken(renew: boolean, cb: (e: Error | null, t: string) => void): void; buildXOAuth2Token(t: string): string };
  };
  const token = (renew: boolean) =>
    new Promise<string>((resolve, reject) => generator.getToken(renew, (error, t) => (error ? reject(error) : resolve(t))));
  assert.equal(await token(false), 'access');
  assert.equal(
    Buffer.from(generator.buildXOAuth2Token('access'), 'base64').toString(),
    `user=${base.username}\x01auth=Bearer access\x01\x01`,
  );
  // nodemailer asks for a new token after a refused one: without a refresh token or client it
  // gives the same one back rather than calling Google's token endpoint past the outbound guard.
  assert.equal(await token(true), 'access');
});
