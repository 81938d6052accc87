/**
 * Two Local settings of sending (issue 11), kept per browser in cookies like the mark-read
 * choice (app/mark-read/): the settings page reads them on the server for its first render, the
 * composer and the address links in the browser when they act. Plain data and parsing.
 */

/** "Undo send": seconds a sent message waits before it goes (0 = off). */
export const UNDO_SEND_CHOICES = [0, 5, 10, 20, 30] as const;
export type UndoSendSeconds = (typeof UNDO_SEND_CHOICES)[number];
/** Long enough to catch a wrong recipient, short enough not to be noticed. @default 10 */
export const DEFAULT_UNDO_SEND: UndoSendSeconds = 10;
export const UNDO_SEND_COOKIE = 'undo-send';

/** "Open e-mail addresses with": our composer, or the computer's mail app through `mailto:`. */
export type MailLinkChoice = 'composer' | 'mailto';
/** The default. @default 'composer' */
export const DEFAULT_MAIL_LINK: MailLinkChoice = 'composer';
export const MAIL_LINK_COOKIE = 'mail-links';

/** A year, like the theme, language and mark-read cookies: a browser setting, not a session. */
export const SETTING_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

export function parseUndoSend(value: string | undefined): UndoSendSeconds {
  return UNDO_SEND_CHOICES.find((n) => String(n) === value) ?? DEFAULT_UNDO_SEND;
}

export function parseMailLink(value: string | undefined): MailLinkChoice {
  return value === 'composer' || value === 'mailto' ? value : DEFAULT_MAIL_LINK;
}

/** One cookie's value in a `document.cookie` string (the browser has no cookie parser of its own). */
export function cookieValue(cookieHeader: string, name: string): string | undefined {
  for (const part of cookieHeader.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Writes a setting cookie from the browser. */
export function saveSettingCookie(name: string, value: string) {
  document.cookie = `${name}=${value}; path=/; max-age=${SETTING_COOKIE_MAX_AGE_SECONDS}; samesite=lax`;
}

/**
 * Whether a click on an address link opens our composer: a plain left click, unless Local
 * settings chose the computer's mail app. Modified and middle clicks keep the browser's own
 * meaning (new tab, new window, download).
 */
export function opensComposer(
  click: { button: number; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean },
  cookieHeader: string,
): boolean {
  if (click.button !== 0 || click.ctrlKey || click.metaKey || click.shiftKey || click.altKey) return false;
  return parseMailLink(cookieValue(cookieHeader, MAIL_LINK_COOKIE)) === 'composer';
}
