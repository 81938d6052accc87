import 'server-only';
import { isIP, type Socket } from 'node:net';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import XOAuth2 from 'nodemailer/lib/xoauth2';
import type { GuardedConnection } from '../network/guarded-connection.ts';
import type { MailServer } from '../server/mail-server.ts';

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
  server: MailServer,
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

/**
 * What `SMTPConnection.login` gets (RFC 4954 AUTH): user and password (PLAIN or LOGIN, whichever
 * the server offers first), or an OAuth2 access token sent with XOAUTH2, the mechanism Gmail and
 * Microsoft 365 take. nodemailer's transport builds the same `XOAuth2` for `auth: { type: 'OAuth2',
 * user, accessToken }`; it is given no refresh token or client, so it never fetches a token itself
 * (that would bypass the outbound guard): a refused token fails the login, and the caller's
 * AccessTokenSource decides about refreshing.
 */
export function smtpAuth(server: MailServer): Parameters<SMTPConnection['login']>[0] {
  const { credentials } = server;
  if (credentials.kind === 'password') return { user: server.username, pass: credentials.password };
  return { oauth2: new XOAuth2({ user: server.username, accessToken: credentials.accessToken }) };
}
