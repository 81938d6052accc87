/**
 * When an opened message is marked read (issue 10, Actions: "on open / after N seconds / never"),
 * chosen per browser in Local settings and kept in a cookie like the theme (app/theme/): the
 * settings page reads it on the server for its first render, the reader in the browser when a
 * message opens. Plain data and parsing, shared by both.
 */
export type MarkReadChoice = { when: 'open' } | { when: 'never' } | { when: 'after'; seconds: number };

/** Today's behaviour, and what most mail clients do. @default { when: 'open' } */
export const DEFAULT_MARK_READ: MarkReadChoice = { when: 'open' };

export const MARK_READ_COOKIE = 'mark-read';

/** The delay offered when "after N seconds" is first picked. @default 3 */
export const DEFAULT_MARK_READ_SECONDS = 3;
export const MIN_MARK_READ_SECONDS = 1;
export const MAX_MARK_READ_SECONDS = 60;

/** A year, like the theme and language cookies: a browser setting, not a session. */
export const MARK_READ_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The cookie's value: `open`, `never`, or the delay in whole seconds. */
export function markReadCookieValue(choice: MarkReadChoice): string {
  return choice.when === 'after' ? String(choice.seconds) : choice.when;
}

/** The choice a cookie value stands for; anything unknown or out of range is the default. */
export function parseMarkRead(value: string | undefined): MarkReadChoice {
  if (value === 'open' || value === 'never') return { when: value };
  if (value && /^\d{1,2}$/.test(value)) {
    const seconds = Number(value);
    if (isMarkReadSeconds(seconds)) return { when: 'after', seconds };
  }
  return DEFAULT_MARK_READ;
}

export function isMarkReadSeconds(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= MIN_MARK_READ_SECONDS && seconds <= MAX_MARK_READ_SECONDS;
}

/** The choice in a `document.cookie` string (the browser side has no cookie parser of its own). */
export function markReadFromCookies(cookieHeader: string): MarkReadChoice {
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === MARK_READ_COOKIE) return parseMarkRead(rest.join('='));
  }
  return DEFAULT_MARK_READ;
}
