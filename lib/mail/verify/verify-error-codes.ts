import type { ErrorCode } from '../../errors.ts';

/** The codes a mailbox verification can fail with (their messages live in lib/errors.ts, the one table). */
export type VerifyErrorCode = Extract<
  ErrorCode,
  | 'MAIL_AUTH_FAILED'
  | 'MAIL_IMAP_DISABLED'
  | 'MAIL_OAUTH_RECONNECT_REQUIRED'
  | 'MAIL_OAUTH_NOT_OFFERED'
  | 'MAIL_HOST_NOT_FOUND'
  | 'MAIL_CONNECTION_REFUSED'
  | 'MAIL_CONNECTION_FAILED'
  | 'MAIL_TIMEOUT'
  | 'MAIL_TLS_UNTRUSTED'
  | 'MAIL_TLS_FAILED'
  | 'STARTTLS_NOT_OFFERED'
  | 'SMTP_AUTH_NOT_OFFERED'
  | 'MAIL_ADDRESS_BLOCKED'
>;
