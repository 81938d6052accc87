import 'server-only';
import type { MailAccount } from '../../db/schema/index.ts';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import type { ImapSettings } from '../mail/imap/open-imap-client.ts';
import { storedConnection } from '../mail-accounts/stored-connections.ts';

/** The account's stored incoming server with its password unsealed, for openImapClient. */
export function imapSettingsFor(account: MailAccount, key: CredentialsKey): ImapSettings {
  return storedConnection(account, 'imap', key);
}
