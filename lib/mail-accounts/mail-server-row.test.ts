import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { MailAccount } from '../../db/schema/index.ts';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { seal } from '../crypto/secret-box.ts';
import { AppError } from '../errors.ts';
import type { MailServer, OAuth2Credentials } from '../mail/server/mail-server.ts';
import {
  hasStoredSecret,
  mailServerColumns,
  readMailServer,
  serverSettingsColumns,
  storedServerFacts,
} from './mail-server-row.ts';

const keyA = loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent');
const keyB = loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent');

const grant: OAuth2Credentials = {
  kind: 'oauth2',
  provider: 'google',
  refreshToken: '1//refresh-token-value',
  accessToken: 'ya29.access-token-value',
  expiresAt: new Date('2026-12-02T20:00:00.000Z'),
  scopes: ['https://mail.google.com/', 'openid', 'email'],
};
const imapServer: MailServer = {
  host: 'imap.gmail.com',
  port: 993,
  ssl: true,
  username: 'ann@gmail.test',
  credentials: grant,
};
const smtpServer: MailServer = {
  host: 'smtp.example.test',
  port: 587,
  ssl: false,
  username: 'ann',
  trustedFingerprint: 'AA:BB',
  credentials: { kind: 'password', password: 's3cret' },
};

/** A row as the database gives it back, written by the mapping. */
function rowOf(imap: MailServer, smtp: MailServer, key = keyA): MailAccount {
  return { ...mailServerColumns('imap', imap, key), ...mailServerColumns('smtp', smtp, key) } as MailAccount;
}

test('both kinds of server read back as they were written', () => {
  const row = rowOf(imapServer, smtpServer);
  assert.deepEqual(readMailServer(row, 'imap', keyA), imapServer);
  assert.deepEqual(readMailServer(row, 'smtp', keyA), smtpServer);
});

test('the secret is sealed: neither tokens nor password appear in any column, and the kind and provider are readable without the key', () => {
  const row = rowOf(imapServer, smtpServer);
  const stored = JSON.stringify(row);
  for (const secret of [grant.refreshToken, grant.accessToken, 's3cret']) {
    assert.ok(!stored.includes(secret), secret);
    assert.ok(!Buffer.from(row.imapSecretSealed, 'base64').toString('latin1').includes(secret), secret);
  }
  assert.equal(row.imapAuthKind, 'oauth2');
  assert.equal(row.imapOAuthProvider, 'google');
  assert.equal(row.smtpAuthKind, 'password');
  assert.equal(row.smtpOAuthProvider, null);
  assert.deepEqual(storedServerFacts(row, 'imap'), {
    host: 'imap.gmail.com',
    port: 993,
    ssl: true,
    username: 'ann@gmail.test',
    trustedFingerprint: null,
    authKind: 'oauth2',
    oauthProvider: 'google',
  });
});

test('a row sealed before issue 13 (the password itself, no kind written) reads as a password', () => {
  const sealed = seal('from-before', keyA);
  const row = {
    ...rowOf(imapServer, smtpServer),
    imapAuthKind: 'password',
    imapOAuthProvider: null,
    imapSecretSealed: sealed.data,
    imapSecretKeyId: sealed.keyId,
  } as MailAccount;
  assert.deepEqual(readMailServer(row, 'imap', keyA).credentials, { kind: 'password', password: 'from-before' });
});

test('a password sealed with another key is MAIL_PASSWORD_UNREADABLE on its field; a grant is MAIL_OAUTH_RECONNECT_REQUIRED', () => {
  const row = rowOf(imapServer, smtpServer, keyB);
  assert.equal(hasStoredSecret(row, 'smtp', keyA), false);
  assert.equal(hasStoredSecret(row, 'smtp', keyB), true);
  assert.throws(
    () => readMailServer(row, 'smtp', keyA),
    (error: unknown) =>
      error instanceof AppError &&
      error.code === 'MAIL_PASSWORD_UNREADABLE' &&
      error.field === 'smtp.password' &&
      !error.retryable,
  );
  assert.throws(
    () => readMailServer(row, 'imap', keyA),
    (error: unknown) => error instanceof AppError && error.code === 'MAIL_OAUTH_RECONNECT_REQUIRED' && !error.retryable,
  );
});

test('a grant that is not a complete grant once opened asks for a new sign-in rather than connecting with half of it', () => {
  const sealed = seal(JSON.stringify({ accessToken: 'only-this' }), keyA);
  const row = { ...rowOf(imapServer, smtpServer), imapSecretSealed: sealed.data, imapSecretKeyId: sealed.keyId } as MailAccount;
  assert.throws(
    () => readMailServer(row, 'imap', keyA),
    (error: unknown) => error instanceof AppError && error.code === 'MAIL_OAUTH_RECONNECT_REQUIRED',
  );
});

test('a replacement password is used without opening the stored secret (which may not open)', () => {
  const row = rowOf(imapServer, smtpServer, keyB);
  const server = readMailServer(row, 'imap', keyA, { kind: 'password', password: 'typed-again' });
  assert.deepEqual(server, { ...imapServer, credentials: { kind: 'password', password: 'typed-again' } });
});

test('settings columns alone leave the secret columns out (an edit of an OAuth2 server keeps the stored grant)', () => {
  assert.deepEqual(Object.keys(serverSettingsColumns('smtp', smtpServer)).sort(), [
    'smtpHost',
    'smtpPort',
    'smtpSsl',
    'smtpTrustedFingerprint',
    'smtpUsername',
  ]);
});
