import 'server-only';
import type { ImapFlowOptions } from 'imapflow';
import { isIP } from 'node:net';
import type { GuardedConnection } from '../network/guarded-connection.ts';
import type { ServerCredentials } from '../server-address/server-credentials.ts';
import { createVerifiedImapTransport } from './create-verified-imap-transport.ts';

/**
 * The ImapFlow options every IMAP connection of the server shares — verification, sync, actions —
 * so there is one place that decides where the socket goes, which certificate is trusted and
 * when the password may be sent (STYLE rule 18). Callers add only their own session settings
 * (timeouts, QRESYNC, IDLE).
 *
 * `doSTARTTLS: true` makes imapflow refuse to authenticate when the server offers no STARTTLS
 * (a capability list received in cleartext could have been stripped by an attacker, RFC 9051 §11.1).
 */
export function imapClientOptions(server: ServerCredentials, connection: GuardedConnection): ImapFlowOptions {
  return {
    host: connection.target.address,
    port: server.port,
    secure: server.ssl,
    // SNI and the certificate name check use what was typed (RFC 6066 §3 forbids IP literals in SNI).
    servername: isIP(server.host) ? undefined : server.host,
    doSTARTTLS: server.ssl || connection.allowPlaintextAuth ? undefined : true,
    auth: { user: server.username, pass: server.password },
    transport: createVerifiedImapTransport(connection.openSocket, connection.trustedFingerprint),
    logger: false,
  };
}
