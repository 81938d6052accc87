import 'server-only';
import type { ImapFlowOptions } from 'imapflow';
import { isIP } from 'node:net';
import type { GuardedConnection } from '../network/guarded-connection.ts';
import type { MailServer } from '../server/mail-server.ts';
import { createVerifiedImapTransport } from './create-verified-imap-transport.ts';

/**
 * The ImapFlow options every IMAP connection of the server shares — verification, sync, actions —
 * so there is one place that decides where the socket goes, which certificate is trusted and
 * when the password may be sent (STYLE rule 18). Callers add only their own session settings
 * (timeouts, QRESYNC, IDLE).
 *
 * `doSTARTTLS: true` makes imapflow refuse to authenticate when the server offers no STARTTLS
 * (a capability list received in cleartext could have been stripped by an attacker, RFC 9051 §11.1).
 * The same holds for an OAuth2 access token: it is a bearer secret like a password.
 */
export function imapClientOptions(server: MailServer, connection: GuardedConnection): ImapFlowOptions {
  return {
    host: connection.target.address,
    port: server.port,
    secure: server.ssl,
    // SNI and the certificate name check use what was typed (RFC 6066 §3 forbids IP literals in SNI).
    servername: isIP(server.host) ? undefined : server.host,
    doSTARTTLS: server.ssl || connection.allowPlaintextAuth ? undefined : true,
    auth: imapAuth(server),
    transport: createVerifiedImapTransport(connection.openSocket, connection.trustedFingerprint),
    logger: false,
  };
}

/**
 * How imapflow signs in: a password with LOGIN (or AUTHENTICATE PLAIN), an OAuth2 access token with
 * AUTHENTICATE OAUTHBEARER (RFC 7628) when the server offers it, else XOAUTH2 (Google's and
 * Microsoft's SASL mechanism). The token must be fresh: callers get it from an AccessTokenSource
 * (lib/mail-accounts/access-token-source.ts) just before connecting.
 */
export function imapAuth(server: MailServer): NonNullable<ImapFlowOptions['auth']> {
  const { credentials } = server;
  return credentials.kind === 'oauth2'
    ? { user: server.username, accessToken: credentials.accessToken }
    : { user: server.username, pass: credentials.password };
}
