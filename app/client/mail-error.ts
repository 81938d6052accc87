import { CombinedGraphQLErrors } from '@apollo/client';

export interface MailErrorInfo {
  code: string;
  message: string;
  field?: string;
  details?: {
    side?: 'incoming' | 'outgoing';
    fingerprint?: string;
    subject?: string;
    issuer?: string;
    validTo?: string;
    hints?: string[];
  };
}

/** The first GraphQL error with its code, field and details, for the mailbox forms. */
export function mailError(error: unknown): MailErrorInfo {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const ext = (first?.extensions ?? {}) as { code?: string; field?: string; details?: MailErrorInfo['details'] };
    return {
      code: ext.code ?? 'INTERNAL',
      message: first?.message ?? 'Something went wrong.',
      field: ext.field,
      details: ext.details,
    };
  }
  return { code: 'NETWORK', message: 'Cannot reach the server. Check your connection and try again.' };
}

/** Failures where the servers (not the password) are the problem: offer the More settings screen. */
export const SERVER_PROBLEMS = new Set([
  'MAIL_SETTINGS_NOT_FOUND',
  'MAIL_HOST_NOT_FOUND',
  'MAIL_CONNECTION_REFUSED',
  'MAIL_TIMEOUT',
  'MAIL_TLS_FAILED',
  'STARTTLS_NOT_OFFERED',
  'SMTP_AUTH_NOT_OFFERED',
  'MAIL_ADDRESS_BLOCKED',
  'BAD_SERVER_ADDRESS',
]);
