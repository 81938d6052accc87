import 'server-only';
import type { NewMailAccount } from '../../db/queries/mail-accounts.ts';
import type { MailAccount } from '../../db/schema/index.ts';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import { open, seal } from '../crypto/secret-box.ts';
import { AppError } from '../errors.ts';
import type { AuthKind, MailCredentials, MailServer, OAuth2Credentials, ServerKind } from '../mail/server/mail-server.ts';

/**
 * The one mapping between a `mail_accounts` row and the `MailServer` type (issue 13): every reader
 * and writer of a server's columns goes through here, so the columns can change without the
 * connections knowing.
 *
 * Per server the row holds the settings (host, port, ssl, username, pinned certificate), the
 * `auth_kind`, the OAuth2 provider (readable without unsealing, for the "Sign in again" button)
 * and one sealed secret (lib/crypto/secret-box.ts): for `password` the password itself (so the
 * rows sealed before issue 13 read unchanged), for `oauth2` the grant as JSON.
 */

type Suffix =
  'Host' | 'Port' | 'Ssl' | 'Username' | 'TrustedFingerprint' | 'AuthKind' | 'OAuthProvider' | 'SecretSealed' | 'SecretKeyId';
export type MailServerColumns<K extends ServerKind> = Required<Pick<NewMailAccount, `${K}${Suffix}`>>;
type SettingsSuffix = 'Host' | 'Port' | 'Ssl' | 'Username' | 'TrustedFingerprint';
type CredentialsSuffix = Exclude<Suffix, SettingsSuffix>;

/** One server's columns without the `imap`/`smtp` prefix. */
type Columns = { [S in Suffix as Uncapitalize<S>]: MailServerColumns<'imap'>[`imap${S}`] };

/** What an account says about one server without opening its secret: for reads of the account (the API). */
export interface StoredServerFacts {
  host: string;
  port: number;
  ssl: boolean;
  username: string;
  trustedFingerprint: string | null;
  authKind: AuthKind;
  oauthProvider: string | null;
}

/** The grant as sealed: the provider is in its own column. */
interface SealedGrant {
  refreshToken: string;
  accessToken: string;
  /** ISO 8601 */
  expiresAt: string;
  scopes: string[];
}

function columnsOf(account: MailAccount, kind: ServerKind): Columns {
  return kind === 'imap'
    ? {
        host: account.imapHost,
        port: account.imapPort,
        ssl: account.imapSsl,
        username: account.imapUsername,
        trustedFingerprint: account.imapTrustedFingerprint,
        authKind: account.imapAuthKind,
        oAuthProvider: account.imapOAuthProvider,
        secretSealed: account.imapSecretSealed,
        secretKeyId: account.imapSecretKeyId,
      }
    : {
        host: account.smtpHost,
        port: account.smtpPort,
        ssl: account.smtpSsl,
        username: account.smtpUsername,
        trustedFingerprint: account.smtpTrustedFingerprint,
        authKind: account.smtpAuthKind,
        oAuthProvider: account.smtpOAuthProvider,
        secretSealed: account.smtpSecretSealed,
        secretKeyId: account.smtpSecretKeyId,
      };
}

/** `{ host }` → `{ imapHost }`: the one spot where the names are put together (typed by the callers' results). */
function prefixed<T>(kind: ServerKind, columns: Partial<Columns>): T {
  return Object.fromEntries(
    Object.entries(columns).map(([name, value]) => [kind + name[0]!.toUpperCase() + name.slice(1), value]),
  ) as T;
}

/** The server's settings and how it signs in, without its secret. */
export function storedServerFacts(account: MailAccount, kind: ServerKind): StoredServerFacts {
  const c = columnsOf(account, kind);
  return {
    host: c.host,
    port: c.port,
    ssl: c.ssl,
    username: c.username,
    trustedFingerprint: c.trustedFingerprint,
    authKind: c.authKind === 'oauth2' ? 'oauth2' : 'password',
    oauthProvider: c.oAuthProvider,
  };
}

/**
 * Whether this deployment can open the server's stored secret: sealed under the current key.
 * Checked by key id, without unsealing (a read of the account needs no secret in memory); after
 * `MAIL_CREDENTIALS_KEY` changed it is false, and the owner must enter the password (or sign in) again.
 */
export function hasStoredSecret(account: MailAccount, kind: ServerKind, key: CredentialsKey): boolean {
  const c = columnsOf(account, kind);
  return Boolean(c.secretSealed) && c.secretKeyId === key.keyId;
}

/**
 * One server of a stored account with its secret unsealed: held in memory only while connecting.
 * With `replacement` (the owner is typing a new password) the stored secret is not opened at
 * all: it may be the very one that no longer opens.
 *
 * A secret that does not open is the owner's to fix, not a retry: MAIL_PASSWORD_UNREADABLE for a
 * password, MAIL_OAUTH_RECONNECT_REQUIRED for a grant (signing in again makes a new one).
 */
export function readMailServer(
  account: MailAccount,
  kind: ServerKind,
  key: CredentialsKey,
  replacement?: MailCredentials,
): MailServer {
  const { host, port, ssl, username, trustedFingerprint } = storedServerFacts(account, kind);
  return {
    host,
    port,
    ssl,
    username,
    ...(trustedFingerprint ? { trustedFingerprint } : {}),
    credentials: replacement ?? unsealCredentials(kind, columnsOf(account, kind), key),
  };
}

function unsealCredentials(kind: ServerKind, c: Columns, key: CredentialsKey): MailCredentials {
  if (c.authKind === 'oauth2') {
    try {
      const grant = JSON.parse(open({ keyId: c.secretKeyId, data: c.secretSealed }, key)) as SealedGrant;
      const expiresAt = new Date(grant.expiresAt);
      if (!c.oAuthProvider || typeof grant.refreshToken !== 'string' || typeof grant.accessToken !== 'string')
        throw new Error('the sealed grant is incomplete');
      if (Number.isNaN(expiresAt.getTime()) || !Array.isArray(grant.scopes)) throw new Error('the sealed grant is malformed');
      return {
        kind: 'oauth2',
        provider: c.oAuthProvider,
        refreshToken: grant.refreshToken,
        accessToken: grant.accessToken,
        expiresAt,
        scopes: grant.scopes.map(String),
      };
    } catch (cause) {
      throw new AppError('MAIL_OAUTH_RECONNECT_REQUIRED', { cause, details: { server: kind } });
    }
  }
  try {
    return { kind: 'password', password: open({ keyId: c.secretKeyId, data: c.secretSealed }, key) };
  } catch (cause) {
    throw new AppError('MAIL_PASSWORD_UNREADABLE', { field: `${kind}.password`, cause });
  }
}

/** One server's settings columns (`imapHost`, `imapPort`, …): what an edit changes without touching the secret. */
export function serverSettingsColumns<K extends ServerKind>(
  kind: K,
  server: Omit<MailServer, 'credentials'>,
): Pick<MailServerColumns<K>, `${K}${SettingsSuffix}`> {
  return prefixed(kind, {
    host: server.host,
    port: server.port,
    ssl: server.ssl,
    username: server.username,
    trustedFingerprint: server.trustedFingerprint ?? null,
  });
}

/** One server's credentials columns, the secret sealed: the password itself, or the OAuth2 grant as JSON. */
export function serverCredentialsColumns<K extends ServerKind>(
  kind: K,
  credentials: MailCredentials,
  key: CredentialsKey,
): Pick<MailServerColumns<K>, `${K}${CredentialsSuffix}`> {
  const sealed = seal(credentials.kind === 'password' ? credentials.password : JSON.stringify(sealedGrant(credentials)), key);
  return prefixed(kind, {
    authKind: credentials.kind,
    oAuthProvider: credentials.kind === 'oauth2' ? credentials.provider : null,
    secretSealed: sealed.data,
    secretKeyId: sealed.keyId,
  });
}

/** All of one server's columns, the secret sealed. */
export function mailServerColumns<K extends ServerKind>(kind: K, server: MailServer, key: CredentialsKey): MailServerColumns<K> {
  return {
    ...serverSettingsColumns(kind, server),
    ...serverCredentialsColumns(kind, server.credentials, key),
  } as MailServerColumns<K>;
}

function sealedGrant(grant: OAuth2Credentials): SealedGrant {
  return {
    refreshToken: grant.refreshToken,
    accessToken: grant.accessToken,
    expiresAt: grant.expiresAt.toISOString(),
    scopes: grant.scopes,
  };
}
