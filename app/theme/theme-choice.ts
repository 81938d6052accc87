/**
 * The colour theme a person chose for this browser (issue 10, dark mode). Plain data, shared by
 * the root layout (which reads the cookie on the server, so the first paint is already right:
 * the CSP allows no inline script that could set it before paint) and the Local settings picker.
 */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** Follow the operating system's light/dark setting unless the person chose otherwise. @default 'system' */
export const DEFAULT_THEME: ThemeChoice = 'system';

export const THEME_COOKIE = 'theme';

/** A year, like the language cookie (i18n/locales.ts): a browser setting, not a session. */
export const THEME_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

/**
 * The `data-theme` attribute for <html>: none for 'system', so the stylesheet's
 * `prefers-color-scheme` decides; 'light' or 'dark' to override it (app/globals.css).
 */
export function themeAttribute(cookieValue: string | undefined): 'light' | 'dark' | undefined {
  return cookieValue === 'light' || cookieValue === 'dark' ? cookieValue : undefined;
}
