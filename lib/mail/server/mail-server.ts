import type { ServerKind } from '../server-address/parse-server-address.ts';

export type { ServerKind };

/** Signing in with a password (or an app password): IMAP LOGIN / AUTHENTICATE PLAIN, SMTP AUTH PLAIN/LOGIN. */
export interface PasswordCredentials {
  kind: 'password';
  password: string;
}

/**
 * Signing in with an OAuth2 grant (RFC 6749): the access token is sent as SASL XOAUTH2 (Google's
 * and Microsoft's mechanism) to IMAP and SMTP alike; the refresh token gets a new one before it
 * expires (lib/mail/oauth). Sealed at rest like a password, never returned by the API.
 */
export interface OAuth2Credentials {
  kind: 'oauth2';
  /** Which configured authorization server issued the grant, e.g. `google`, `microsoft`. */
  provider: string;
  refreshToken: string;
  accessToken: string;
  /** When the access token stops working (the token response's `expires_in` from when it was issued). */
  expiresAt: Date;
  /** The scopes granted (RFC 6749 §3.3), e.g. `https://mail.google.com/`. */
  scopes: string[];
}

export type MailCredentials = PasswordCredentials | OAuth2Credentials;

export type AuthKind = MailCredentials['kind'];

/**
 * One mail server of an account — where, how, who, and with what — as every connection takes it:
 * verification, sync, mail actions and sending (lib/mail/imap, lib/mail/smtp). The database
 * columns map to it in one place (lib/mail-accounts/mail-server-row.ts). Held in memory, with its
 * secret, only while connecting.
 */
export interface MailServer {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (RFC 8314 §3: IMAP 993, submission 465); otherwise plain, upgraded with STARTTLS. */
  ssl: boolean;
  username: string;
  /** SHA-256 fingerprint of a leaf certificate the person chose to trust (self-signed servers). */
  trustedFingerprint?: string;
  credentials: MailCredentials;
}

/** A password server, as the connect and edit forms produce them. */
export function passwordServer(
  server: Omit<MailServer, 'credentials'>,
  password: string,
): MailServer & { credentials: PasswordCredentials } {
  return { ...server, credentials: { kind: 'password', password } };
}
