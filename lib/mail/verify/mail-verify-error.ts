import 'server-only';
import { AppError, ERROR_CODES, type AppErrorOptions } from '../../errors.ts';
import type { VerifyErrorCode } from './verify-error-codes.ts';

/** Which of the two servers an error is about; the UI puts it beside that half of the form. */
export type MailSide = 'incoming' | 'outgoing';

/** `AppError#details` of a verification error: flat and JSON-safe, as GraphQL passes it on. Never secrets. */
export type MailVerifyErrorDetails = {
  side: MailSide;
  /** Node's or the library's code underneath (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, `GREETING_TIMEOUT`). */
  reason?: string;
  /** The provider's own words (an IMAP `[ALERT]` must reach the person, RFC 9051 §7.1; an SMTP reply). */
  serverText?: string;
  /** MAIL_IMAP_DISABLED and friends: what the provider asks for, from the provider table. */
  hints?: string[];
  /** MAIL_ADDRESS_BLOCKED: the resolved address that was refused. */
  address?: string;
  /** MAIL_TLS_UNTRUSTED: the presented certificate, so the UI can offer "trust this certificate". */
  fingerprint?: string;
  subject?: string;
  issuer?: string;
  subjectAltName?: string | null;
  validFrom?: string;
  validTo?: string;
  selfSigned?: boolean;
};

/** An `AppError` of a mailbox verification, with typed `details`. */
export class MailVerifyError extends AppError {
  declare readonly details: MailVerifyErrorDetails;

  constructor(code: VerifyErrorCode, details: MailVerifyErrorDetails, options: Omit<AppErrorOptions, 'details'> = {}) {
    super(code, {
      ...options,
      message: options.message ?? ERROR_CODES[code].userMessage,
      details: withoutUndefined(details),
    });
    this.name = 'MailVerifyError';
  }
}

/** Keeps `details` tidy for JSON and for `deepEqual` in tests. */
function withoutUndefined(details: MailVerifyErrorDetails): MailVerifyErrorDetails {
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)) as MailVerifyErrorDetails;
}
