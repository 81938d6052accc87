import 'server-only';
import type { MailAccount } from '../../db/schema/index.ts';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import { open, type SealedSecret } from '../crypto/secret-box.ts';
import { AppError } from '../errors.ts';
import type { ServerConnection } from './resolve-server-input.ts';

/**
 * One server of a stored account with its password unsealed: held in memory only while
 * connecting. With `newPassword` (the owner is typing it again) the stored one is not opened at
 * all: it may be the very password that no longer opens.
 */
export function storedConnection(
  account: MailAccount,
  kind: 'imap' | 'smtp',
  key: CredentialsKey,
  newPassword?: string,
): ServerConnection {
  const [host, port, ssl, username, sealed, keyId, fingerprint] =
    kind === 'imap'
      ? [
          account.imapHost,
          account.imapPort,
          account.imapSsl,
          account.imapUsername,
          account.imapPasswordSealed,
          account.imapPasswordKeyId,
          account.imapTrustedFingerprint,
        ]
      : [
          account.smtpHost,
          account.smtpPort,
          account.smtpSsl,
          account.smtpUsername,
          account.smtpPasswordSealed,
          account.smtpPasswordKeyId,
          account.smtpTrustedFingerprint,
        ];
  return {
    host,
    port,
    ssl,
    username,
    password: newPassword ?? unseal(kind, { keyId, data: sealed }, key),
    ...(fingerprint ? { trustedFingerprint: fingerprint } : {}),
  };
}

/** A password that no longer opens is the owner's to fix (MAIL_PASSWORD_UNREADABLE), not a retry. */
function unseal(kind: 'imap' | 'smtp', sealed: SealedSecret, key: CredentialsKey): string {
  try {
    return open(sealed, key);
  } catch (cause) {
    throw new AppError('MAIL_PASSWORD_UNREADABLE', { field: `${kind}.password`, cause });
  }
}

/**
 * Whether a password is stored for this server that this deployment can open: sealed, under the
 * current key. Checked by key id, without unsealing (a read of the account needs no secret in
 * memory); after `MAIL_CREDENTIALS_KEY` changed it is false, and the owner must enter it again.
 */
export function hasStoredPassword(account: MailAccount, kind: 'imap' | 'smtp', key: CredentialsKey): boolean {
  const [sealed, keyId] =
    kind === 'imap'
      ? [account.imapPasswordSealed, account.imapPasswordKeyId]
      : [account.smtpPasswordSealed, account.smtpPasswordKeyId];
  return Boolean(sealed) && keyId === key.keyId;
}
