import 'server-only';
import { AppError } from '../../errors.ts';
import { verifyImap, type ImapVerifyResult } from './verify-imap.ts';
import type { MailServer } from '../server/mail-server.ts';
import type { TlsTrust, VerifyServerOptions } from './verify-options.ts';
import { verifySmtp, type SmtpVerifyResult } from './verify-smtp.ts';

export interface MailAccountCredentials {
  imap: MailServer;
  smtp: MailServer;
}

export interface VerifyMailAccountOptions extends Omit<VerifyServerOptions, 'tls'> {
  /** Certificates trusted per server: the two are often different machines. */
  tls?: { imap?: TlsTrust; smtp?: TlsTrust };
}

export type VerifyOutcome<T> = { ok: true; result: T } | { ok: false; error: AppError };

export interface MailAccountVerification {
  imap: VerifyOutcome<ImapVerifyResult>;
  smtp: VerifyOutcome<SmtpVerifyResult>;
}

/**
 * Checks both servers of an account at once (they are independent, so the wait is the slower one,
 * not the sum) and reports each: the form can mark a wrong SMTP password and a wrong IMAP port in
 * one round. `settings` is only read, never changed, so the form keeps exactly what was typed.
 * For callers that want one error, see {@link firstVerifyError}.
 */
export async function verifyMailAccount(
  settings: MailAccountCredentials,
  options: VerifyMailAccountOptions = {},
): Promise<MailAccountVerification> {
  const { tls, ...shared } = options;
  const [imap, smtp] = await Promise.all([
    outcome(verifyImap(settings.imap, { ...shared, tls: tls?.imap })),
    outcome(verifySmtp(settings.smtp, { ...shared, tls: tls?.smtp })),
  ]);
  return { imap, smtp };
}

/**
 * The error to show when only one fits, incoming first: without a working IMAP connection
 * there is no mailbox to speak of, and its error is usually also the cause of the SMTP one
 * (same password, same host).
 */
export function firstVerifyError(verification: MailAccountVerification): AppError | null {
  if (!verification.imap.ok) return verification.imap.error;
  if (!verification.smtp.ok) return verification.smtp.error;
  return null;
}

async function outcome<T>(running: Promise<T>): Promise<VerifyOutcome<T>> {
  try {
    return { ok: true, result: await running };
  } catch (error) {
    return { ok: false, error: error instanceof AppError ? error : new AppError('INTERNAL', { cause: error }) };
  }
}
