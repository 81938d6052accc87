/**
 * The languages of the UI (issue 10, "Everyone, everywhere") and the cookie that carries a
 * person's own choice. Plain data, shared by the server's request config and the pages.
 */
export const LOCALES = ['en', 'nl'] as const;
export type AppLocale = (typeof LOCALES)[number];

/** What a browser that asks for neither language gets. @default 'en' */
export const DEFAULT_LOCALE: AppLocale = 'en';

/**
 * The cookie the language switcher writes. It is the per-person hook: once Local settings
 * store a language per user in the database, the request config reads that first and this
 * cookie stays the choice of a person who is not signed in (sign-in and setup pages).
 */
export const LOCALE_COOKIE = 'locale';

/** A year: the choice outlives the session cookie, as a browser setting would. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Each language's name in itself (an endonym), the same in every catalog on purpose: a person
 * who cannot read the current language must still find their own in the switcher.
 */
export const LANGUAGE_NAMES: Record<AppLocale, string> = { en: 'English', nl: 'Nederlands' };

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
