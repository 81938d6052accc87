import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { MailAccount } from '../../db/schema/index.ts';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { seal } from '../crypto/secret-box.ts';
import { AppError } from '../errors.ts';
import { storedConnection } from './stored-connections.ts';

const keyA = loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent');
const keyB = loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent');

function account(sealedWith: typeof keyA): MailAccount {
  const sealed = seal('s3cret', sealedWith);
  return {
    imapHost: 'imap.example.test',
    imapPort: 993,
    imapSsl: true,
    imapUsername: 'ann@example.test',
    imapPasswordSealed: sealed.data,
    imapPasswordKeyId: sealed.keyId,
    imapTrustedFingerprint: null,
  } as MailAccount;
}

test('the stored password opens with the key it was sealed with', () => {
  const connection = storedConnection(account(keyA), 'imap', keyA);
  assert.equal(connection.password, 's3cret');
  assert.equal(connection.host, 'imap.example.test');
});

test('a password sealed with another key is MAIL_PASSWORD_UNREADABLE, for the owner to re-enter', () => {
  assert.throws(
    () => storedConnection(account(keyA), 'imap', keyB),
    (error: unknown) =>
      error instanceof AppError &&
      error.code === 'MAIL_PASSWORD_UNREADABLE' &&
      error.field === 'imap.password' &&
      !error.retryable,
  );
});
