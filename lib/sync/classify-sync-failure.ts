import { databaseErrorFacts, isDatabaseError } from '../../db/database-error.ts';
import { isDatabaseConnectionLoss } from '../../db/retryable-database-error.ts';
import { AppError, ERROR_CODES } from '../errors.ts';

export type SyncFailure =
  /** Network trouble, a server restart, a database hiccup: reconnect after a backoff. */
  | { action: 'retry'; code: string; message: string }
  /** Something a person must fix: stop this account's sync and say so. */
  | { action: 'report'; status: 'reconnect_required' | 'error'; code: string; message: string };

/**
 * Retry is not report (STYLE.md rule 3, after EmailEngine's connection-errors.js), read off the one
 * table in lib/errors.ts: the codes it marks `retry: false` (wrong password, IMAP disabled,
 * untrusted certificate, no STARTTLS, blocked address) stop the loop, because asking again cannot
 * help and a retry storm of failed logins gets the account locked by the provider. Those whose
 * remedy is `reenter_password` need the owner (`reconnect_required`); the others are an `error`
 * shown with their remedy. Everything else is retried with backoff, including errors we did not
 * classify: an unknown error is more likely a dropped connection than a person's mistake.
 */
export function classifySyncFailure(error: unknown): SyncFailure {
  if (error instanceof AppError && !ERROR_CODES[error.code].retry) {
    return {
      action: 'report',
      status: ERROR_CODES[error.code].remedy === 'reenter_password' ? 'reconnect_required' : 'error',
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
  if (isDatabaseConnectionLoss(error)) {
    // A COPY whose connection died (DatabaseConnectionLostError) is no driver error with facts.
    return { action: 'retry', code: 'DATABASE_UNREACHABLE', message: ERROR_CODES.DATABASE_UNREACHABLE.userMessage };
  }
  const code = error instanceof AppError ? error.code : String((error as { code?: unknown })?.code ?? 'MAIL_CONNECTION_FAILED');
  return { action: 'retry', code, message: error instanceof Error ? error.message : String(error) };
}
