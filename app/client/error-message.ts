import { CombinedGraphQLErrors } from '@apollo/client';

/**
 * A failure as the UI shows it: its code (lib/errors.ts, or the browser's own `NETWORK` and
 * `UNKNOWN`), the server's English message when the server sent one, and the field it is about.
 * The text shown is chosen by `useErrorText` (the catalogs' `errors.<CODE>`).
 */
export interface ErrorInfo {
  code: string;
  message?: string;
  field?: string;
  /** MAIL_FOLDER_MISSING: the missing folder (`details.role`: Sent, Drafts, Junk, Trash). */
  role?: string;
}

/** The code, message and field of a GraphQL call's failure. */
export function errorInfo(error: unknown): ErrorInfo {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const ext = (first?.extensions ?? {}) as { code?: unknown; field?: unknown; details?: { role?: unknown } };
    return {
      code: typeof ext.code === 'string' ? ext.code : 'INTERNAL',
      message: first?.message,
      field: typeof ext.field === 'string' ? ext.field : undefined,
      role: typeof ext.details?.role === 'string' ? ext.details.role : undefined,
    };
  }
  if (error instanceof Error && /fetch|network/i.test(error.message)) return { code: 'NETWORK' };
  return { code: 'UNKNOWN' };
}

/** The first GraphQL error's `extensions.details` (what lib/errors.ts attached), if any. */
export function errorDetails(error: unknown): Record<string, unknown> | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const details = error.errors[0]?.extensions?.details;
  return details && typeof details === 'object' ? (details as Record<string, unknown>) : undefined;
}

/** The field an error is about (`extensions.field`), for putting the message beside it. */
export function errorField(error: unknown): string | undefined {
  return errorInfo(error).field;
}
