import 'server-only';
import { isIP, type Socket } from 'node:net';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { GuardedConnection } from '../network/guarded-connection.ts';
import type { ServerCredentials } from '../server-address/server-credentials.ts';

export interface SmtpTimeouts {
  /** TCP connect and the server's greeting. */
  connectMs: number;
  /** Inactivity after the greeting. */
  socketMs: number;
}

/**
 * The nodemailer SMTPConnection options every SMTP connection of the server shares —
 * verification now, sending later — so there is one place that decides where the socket goes and
 * when the password may be sent (STYLE rule 18). `socket` is already connected by the outbound
 * guard to the checked address; nodemailer only talks over it (and wraps it in TLS itself for
 * implicit TLS), it never opens one of its own.
 */
export function smtpTransportOptions(
  server: ServerCredentials,
  connection: Pick<GuardedConnection, 'target' | 'allowPlaintextAuth'>,
  socket: Socket,
  timeouts: SmtpTimeouts,
): SMTPConnection.Options {
  return {
    connection: socket,
    host: connection.target.address,
    port: server.port,
    secure: server.ssl,
    // RFC 3207 §4: a client that requires TLS must not go on without it; nodemailer then fails instead.
    requireTLS: !server.ssl && !connection.allowPlaintextAuth,
    tls: {
      // SNI and the certificate name check use what was typed (RFC 6066 §3 forbids IP literals in SNI).
      servername: isIP(server.host) ? undefined : server.host,
      // Verification still runs and sets `authorized`; openSmtpTransport's checkPeerCertificate enforces it before AUTH.
      rejectUnauthorized: false,
    },
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.connectMs,
    socketTimeout: timeouts.socketMs,
    logger: false,
  };
}
