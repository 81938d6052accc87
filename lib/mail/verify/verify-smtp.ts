import 'server-only';
import type { Socket } from 'node:net';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { CheckedTarget } from '../network/outbound-guard.ts';
import { announcedMaxSize, endSmtpTransport, openSmtpTransport } from '../smtp/open-smtp-transport.ts';
import { smtpStep } from '../smtp/smtp-step.ts';
import { smtpAuth } from '../smtp/smtp-transport-options.ts';
import { runVerification } from './run-verification.ts';
import type { MailServer } from '../server/mail-server.ts';
import { phaseTimeoutMs, type VerifyServerOptions } from './verify-options.ts';

export interface SmtpVerifyResult {
  /** How the session was protected: RFC 8314 implicit TLS, RFC 3207 STARTTLS, or not at all (`allowPlaintextAuth`). */
  tls: 'implicit' | 'starttls' | 'none';
  /** RFC 1870: the largest message the server takes, as its EHLO said; null when it did not say. */
  maxSize: number | null;
}

/**
 * Proves that the outgoing settings work: connects (through the SSRF guard, to the address it
 * checked), EHLO, STARTTLS on a plain port, checks the certificate, then AUTH (RFC 4954), QUIT.
 * Rejects with a `MailVerifyError` (side `outgoing`) explaining what to fix.
 * The session itself (guarded socket, STARTTLS, certificate before AUTH) is lib/mail/smtp's
 * openSmtpTransport, which sending will use too.
 */
export async function verifySmtp(settings: MailServer, options: VerifyServerOptions = {}): Promise<SmtpVerifyResult> {
  return runVerification('outgoing', settings, options, (connection, timeoutMs, signal) =>
    connectAndLogin(connection, settings, options, timeoutMs, signal),
  );
}

async function connectAndLogin(
  { target, openSocket }: { target: CheckedTarget; openSocket: () => Socket },
  settings: MailServer,
  options: VerifyServerOptions,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<SmtpVerifyResult> {
  const connection = await openSmtpTransport(
    settings,
    {
      target,
      openSocket,
      trustedFingerprint: options.tls?.trustedFingerprint,
      allowPlaintextAuth: options.allowPlaintextAuth ?? false,
    },
    // Inactivity after the greeting: the overall deadline covers it, this only must not pre-empt the greeting timer.
    { connectMs: phaseTimeoutMs(timeoutMs), socketMs: timeoutMs },
    signal,
  );
  const close = () => connection.close();
  signal.addEventListener('abort', close, { once: true });
  try {
    // RFC 4954 §3: AUTH is announced in the EHLO answer (after STARTTLS, the one that counts).
    if (!(connection as SMTPConnection & { allowsAuth?: boolean }).allowsAuth)
      throw Object.assign(new Error('the server offers no AUTH'), { code: 'SMTP_AUTH_NOT_OFFERED' });
    await smtpStep(connection, (done) => connection.login(smtpAuth(settings), done));
    return {
      tls: settings.ssl ? 'implicit' : connection.secure ? 'starttls' : 'none',
      maxSize: announcedMaxSize(connection),
    };
  } finally {
    signal.removeEventListener('abort', close);
    endSmtpTransport(connection);
  }
}
