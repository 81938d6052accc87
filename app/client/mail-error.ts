import { ERROR_CODES, type ErrorCode, type Remedy } from '../../lib/errors';
import { errorDetails, errorInfo, type ErrorInfo } from './error-message';

/** A mailbox form's failure: the code, message and field, and the server's facts for the UI. */
export interface MailErrorInfo extends ErrorInfo {
  details?: {
    side?: 'incoming' | 'outgoing';
    fingerprint?: string;
    subject?: string;
    issuer?: string;
    validTo?: string;
    hints?: string[];
    /** The domain whose settings were not found (set by the setup form itself). */
    domain?: string;
  };
}

/** The first GraphQL error with its code, field and details, for the mailbox forms. */
export function mailError(error: unknown): MailErrorInfo {
  const details = errorDetails(error);
  return { ...errorInfo(error), ...(details ? { details: details as MailErrorInfo['details'] } : {}) };
}

/**
 * What the person should do about an error code: read from the one table (lib/errors.ts), never
 * listed again here. A code the table does not know is ours to fix (`ask_operator`), except the
 * browser's own `NETWORK` (the app could not be reached), which passes.
 */
export function remedyFor(code: string): Remedy {
  if (Object.hasOwn(ERROR_CODES, code)) return ERROR_CODES[code as ErrorCode].remedy;
  return code === 'NETWORK' ? 'wait' : 'ask_operator';
}

/** Failures where the servers (not the password) are the problem: offer the More settings screen. */
export function isServerProblem(code: string): boolean {
  return remedyFor(code) === 'check_server_settings';
}

/**
 * The ways out the mailbox page offers, by the key of their label in the catalogs
 * (`mailbox.remedy`, a select: the page shows it in its own language).
 */
export type RemedyLabel = 'reconnect' | 'serverSettings' | 'signIn';
export interface RemedyLink {
  href: string;
  label: RemedyLabel;
}

/** Where the mailbox page sends a person to act on a remedy; null where there is nothing to click. */
const REMEDY_LINKS: Record<Remedy, RemedyLink | null> = {
  reenter_password: { href: '/settings/email', label: 'reconnect' },
  check_server_settings: { href: '/settings/email', label: 'serverSettings' },
  trust_certificate: { href: '/settings/email', label: 'serverSettings' },
  sign_in: { href: '/sign-in', label: 'signIn' },
  correct_input: null,
  wait: null,
  ask_operator: null,
};

/**
 * The way out of a failing account's sync for the mailbox page: the account's status says
 * `RECONNECT_REQUIRED` (the runner stopped on a password problem), else the failure's code says.
 */
export function syncFailureLink(status: string, errorCode: string | null | undefined): RemedyLink | null {
  if (status === 'RECONNECT_REQUIRED') return REMEDY_LINKS.reenter_password;
  return errorCode ? REMEDY_LINKS[remedyFor(errorCode)] : null;
}
