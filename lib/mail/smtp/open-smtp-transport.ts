import 'server-only';
import { once } from 'node:events';
import { TLSSocket } from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { checkPeerCertificate } from '../network/check-peer-certificate.ts';
import type { GuardedConnection } from '../network/guarded-connection.ts';
import type { MailServer } from '../server/mail-server.ts';
import { smtpStep } from './smtp-step.ts';
import { smtpTransportOptions, type SmtpTimeouts } from './smtp-transport-options.ts';

/**
 * An SMTP session greeted, EHLO'd and (unless implicit TLS or `allowPlaintextAuth`) upgraded with
 * STARTTLS, its certificate checked (or matched against the pin) — ready for AUTH, which the
 * caller sends. Used by verification now and by sending later.
 *
 * It drives nodemailer's `SMTPConnection` itself rather than a transport: `transport.verify()`
 * calls a server that offers no AUTH a success (it skips the login), and a transport gives no
 * point between the TLS handshake and AUTH at which to check a pinned certificate. So the password
 * is sent only after the certificate checked out, and never in cleartext unless allowed.
 *
 * `signal` closes the connection while it is being opened. On failure the connection is ended
 * (see endSmtpTransport) and the error rethrown as nodemailer reported it.
 */
export async function openSmtpTransport(
  server: MailServer,
  connection: GuardedConnection,
  timeouts: SmtpTimeouts,
  signal: AbortSignal,
): Promise<SMTPConnection> {
  const socket = connection.openSocket();
  try {
    await once(socket, 'connect', { signal });
  } catch (error) {
    socket.destroy();
    throw error;
  }
  const smtp = new SMTPConnection(smtpTransportOptions(server, connection, socket, timeouts));
  // Failures reach the caller through smtpStep(); an 'error' event nobody listens to would crash the process.
  smtp.on('error', () => {});
  const close = () => smtp.close();
  signal.addEventListener('abort', close, { once: true });
  let greeted = false;
  try {
    await smtpStep(smtp, (done) => smtp.connect(done));
    greeted = true;
    if (smtp.secure) {
      const tlsSocket = smtp._socket;
      if (!(tlsSocket instanceof TLSSocket)) throw new Error('nodemailer reported TLS without a TLS socket');
      const problem = checkPeerCertificate(tlsSocket, connection.trustedFingerprint);
      if (problem) throw problem;
    } else if (!connection.allowPlaintextAuth) {
      // requireTLS should have stopped earlier; this keeps the promise even if it did not.
      throw Object.assign(new Error('the server offers no STARTTLS'), { code: 'STARTTLS_NOT_OFFERED' });
    }
    return smtp;
  } catch (error) {
    endSmtpTransport(smtp, greeted);
    throw error;
  } finally {
    signal.removeEventListener('abort', close);
  }
}

/**
 * The largest message the server takes, in bytes, from its EHLO reply (RFC 1870: `SIZE 35882577`),
 * or null when it announced no SIZE or `SIZE 0` (no fixed limit). nodemailer reads it while
 * connecting but keeps it private; this is the one place that knows where.
 */
export function announcedMaxSize(smtp: SMTPConnection): number | null {
  const size = (smtp as SMTPConnection & { _maxAllowedSize?: unknown })._maxAllowedSize;
  return typeof size === 'number' && Number.isSafeInteger(size) && size > 0 ? size : null;
}

/** RFC 5321 §4.1.1.10: a greeted session says QUIT; the socket is closed if the server does not soon after. */
export function endSmtpTransport(smtp: SMTPConnection, greeted = true): void {
  if (greeted && !smtp.destroyed) {
    smtp.quit();
    setTimeout(() => smtp.close(), 1_000).unref();
  } else {
    smtp.close();
  }
}
