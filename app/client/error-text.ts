import type { ErrorInfo } from './error-message';

/** The part of a translator the choice needs (next-intl's `t` for the `errors` namespace). */
export interface ErrorCatalog {
  has(code: string): boolean;
  text(code: string, values?: Record<string, string>): string;
}

/**
 * What to show for a failure, decided purely. The server writes its messages in English for
 * people, often more precisely than the code's table text ("Incoming mail server (IMAP): …",
 * "Password must be at least 8 characters"): an English page shows them as they are. Another
 * language shows the catalog's `errors.<CODE>`, and the server's English only for a code the
 * catalog does not know (a newer server). Errors the browser makes itself (`NETWORK`,
 * `UNKNOWN`) have no server message and always come from the catalog.
 */
export function chooseErrorText(problem: ErrorInfo, locale: string, catalog: ErrorCatalog): string {
  const known = catalog.has(problem.code);
  if (problem.message && (locale === 'en' || !known)) return problem.message;
  // Dutch beside a field: the table's "some values are not valid" would say less than this.
  if (problem.code === 'BAD_USER_INPUT' && problem.field && catalog.has('BAD_USER_INPUT_FIELD'))
    return catalog.text('BAD_USER_INPUT_FIELD');
  // A missing folder is named (Sent, Drafts, Junk, Trash) in the page's language.
  if (problem.code === 'MAIL_FOLDER_MISSING' && problem.role && catalog.has('MAIL_FOLDER_MISSING_ROLE'))
    return catalog.text('MAIL_FOLDER_MISSING_ROLE', { role: problem.role });
  return known ? catalog.text(problem.code) : catalog.text('UNKNOWN');
}
