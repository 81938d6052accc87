import { databaseErrorFacts, isDatabaseError } from '../../db/database-error.ts';
import { AppError, ERROR_CODES } from '../errors.ts';

export type SyncFailure =
  /** Network trouble, a server restart, a database hiccup: reconnect after a backoff. */
  | { action: 'retry'; code: string; message: string }
  /** Something a person must fix: stop this account's sync and say so. */
  | { action: 'report'; status: 'reconnect_required' | 'error'; code: string; message: string };

/** The refusals that mean "enter the password again" (or an app password): the account needs its owner. */
const NEEDS_CREDENTIALS = new Set(['MAIL_AUTH_FAILED', 'MAIL_IMAP_DISABLED', 'MAIL_PASSWORD_UNREADABLE']);

/**
 * Retry is not report (STYLE.md rule 3, after EmailEngine's connection-errors.js): the codes the
 * error table marks `retry: false` (wrong password, IMAP disabled, untrusted certificate, no
 * STARTTLS, blocked address) stop the loop, because asking again cannot help and a retry storm of
 * failed logins gets the account locked by the provider. Everything else is retried with backoff,
 * including errors we did not classify: an unknown error is more likely a dropped connection
 * than a person's mistake. `INTERNAL` (a bug of ours) is retried too, and logged.
 */
export function classifySyncFailure(error: unknown): SyncFailure {
  if (error instanceof AppError && error.code !== 'INTERNAL' && !ERROR_CODES[error.code].retry) {
    return {
      action: 'report',
      status: NEEDS_CREDENTIALS.has(error.code) ? 'reconnect_required' : 'error',
      code: error.code,
      message: error.message,
    };
  }
  if (isDatabaseError(error)) {
    // Issue 8, item 9: a database error is no mail error, and its message carries the SQL and
    // every parameter (drizzle's "Failed query: … params: …"): keep only what may be logged and stored.
    const facts = databaseErrorFacts(error);
    const code = facts.unreachable ? 'DATABASE_UNREACHABLE' : 'INTERNAL';
    return { action: 'retry', code, message: `Database error${facts.code ? ` ${facts.code}` : ''}: ${facts.message}` };
  }
  const code = error instanceof AppError ? error.code : String((error as { code?: unknown })?.code ?? 'MAIL_CONNECTION_FAILED');
  return { action: 'retry', code, message: error instanceof Error ? error.message : String(error) };
}
