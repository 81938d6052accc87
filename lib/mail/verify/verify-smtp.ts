import 'server-only';
import { once } from 'node:events';
import { isIP, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { CheckedTarget } from '../network/outbound-guard.ts';
import { checkPeerCertificate } from './check-peer-certificate.ts';
import { runVerification } from './run-verification.ts';
import { phaseTimeoutMs, type ServerCredentials, type VerifyServerOptions } from './verify-options.ts';

export interface SmtpVerifyResult {
  /** How the session was protected: RFC 8314 implicit TLS, RFC 3207 STARTTLS, or not at all (`allowPlaintextAuth`). */
  tls: 'implicit' | 'starttls' | 'none';
}

/**
 * Proves that the outgoing settings work: connects (through the SSRF guard, to the address it
 * checked), EHLO, STARTTLS on a plain port, checks the certificate, then AUTH (RFC 4954), QUIT.
 * Rejects with a `MailVerifyError` (side `outgoing`) explaining what to fix.
 *
 * It drives nodemailer's `SMTPConnection` itself rather than `transport.verify()`: verify() calls
 * a server that offers no AUTH a success (it skips the login), and it gives no point between the
 * TLS handshake and AUTH at which to check a pinned certificate. The password is sent only after
 * the certificate checked out, and never in cleartext unless `allowPlaintextAuth` is set.
 */
export async function verifySmtp(settings: ServerCredentials, options: VerifyServerOptions = {}): Promise<SmtpVerifyResult> {
  return runVerification('outgoing', settings, options, (connection, timeoutMs, signal) =>
    connectAndLogin(connection, settings, options, timeoutMs, signal),
  );
}

async function connectAndLogin(
  { target, openSocket }: { target: CheckedTarget; openSocket: () => Socket },
  settings: ServerCredentials,
  options: VerifyServerOptions,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<SmtpVerifyResult> {
  // The socket comes from the outbound guard, connected to the checked address; nodemailer only
  // talks over it (and wraps it in TLS itself for implicit TLS), it never opens one of its own.
  const socket = openSocket();
  try {
    await once(socket, 'connect', { signal });
  } catch (error) {
    socket.destroy();
    throw error;
  }
  const connection = new SMTPConnection({
    connection: socket,
    host: target.address,
    port: settings.port,
    secure: settings.ssl,
    // RFC 3207 §4: a client that requires TLS must not go on without it; nodemailer then fails instead.
    requireTLS: !settings.ssl && !options.allowPlaintextAuth,
    tls: {
      // SNI and the certificate name check use what was typed (RFC 6066 §3 forbids IP literals in SNI).
      servername: isIP(settings.host) ? undefined : settings.host,
      // Verification still runs and sets `authorized`; checkPeerCertificate enforces it before AUTH.
      rejectUnauthorized: false,
    },
    connectionTimeout: phaseTimeoutMs(timeoutMs),
    greetingTimeout: phaseTimeoutMs(timeoutMs),
    // Inactivity after the greeting: the overall deadline covers it, this only must not pre-empt the greeting timer.
    socketTimeout: timeoutMs,
    logger: false,
  });
  // Failures reach us through step(); an 'error' event nobody listens to would crash the process.
  connection.on('error', () => {});
  const close = () => connection.close();
  signal.addEventListener('abort', close, { once: true });
  let greeted = false;
  try {
    await step(connection, (done) => connection.connect(done));
    greeted = true;
    if (connection.secure) {
      const socket = connection._socket;
      if (!(socket instanceof TLSSocket)) throw new Error('nodemailer reported TLS without a TLS socket');
      const problem = checkPeerCertificate(socket, options.tls?.trustedFingerprint);
      if (problem) throw problem;
    } else if (!options.allowPlaintextAuth) {
      // requireTLS should have stopped earlier; this keeps the promise even if it did not.
      throw Object.assign(new Error('the server offers no STARTTLS'), { code: 'STARTTLS_NOT_OFFERED' });
    }
    // RFC 4954 §3: AUTH is announced in the EHLO answer (after STARTTLS, the one that counts).
    if (!(connection as SMTPConnection & { allowsAuth?: boolean }).allowsAuth)
      throw Object.assign(new Error('the server offers no AUTH'), { code: 'SMTP_AUTH_NOT_OFFERED' });
    await step(connection, (done) => connection.login({ user: settings.username, pass: settings.password }, done));
    return { tls: settings.ssl ? 'implicit' : connection.secure ? 'starttls' : 'none' };
  } finally {
    signal.removeEventListener('abort', close);
    if (greeted && !connection.destroyed) {
      // RFC 5321 §4.1.1.10: say QUIT; close the socket ourselves if the server does not soon after.
      connection.quit();
      setTimeout(() => connection.close(), 1_000).unref();
    } else {
      connection.close();
    }
  }
}

/**
 * One step of the session as a promise. nodemailer reports failures through the callback, the
 * 'error' event, or just 'end' (the server hung up), depending on where they happen.
 */
function step(connection: SMTPConnection, start: (done: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEnd = () => finish(Object.assign(new Error('the server closed the connection'), { code: 'ECONNECTION' }));
    const finish = (error?: Error | null) => {
      connection.off('error', finish);
      connection.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    };
    connection.once('error', finish);
    connection.once('end', onEnd);
    start(finish);
  });
}
