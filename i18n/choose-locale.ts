import { DEFAULT_LOCALE, isAppLocale, type AppLocale } from './locales';

/** Longest Accept-Language header read; a browser sends well under 200 characters. @default 1000 */
const MAX_ACCEPT_LANGUAGE = 1000;

/**
 * The language of a request, decided purely (house rule 1): the person's own choice (the
 * `locale` cookie, later a per-user setting) when it names a language we have; else the
 * browser's most preferred language we have (RFC 9110 §12.5.4: `nl-BE;q=0.8` is Dutch, `q=0`
 * means "not this one"); else English.
 */
export function chooseLocale(choice: string | undefined | null, acceptLanguage: string | undefined | null): AppLocale {
  if (isAppLocale(choice)) return choice;
  const ranges = (acceptLanguage ?? '')
    .slice(0, MAX_ACCEPT_LANGUAGE)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.q > 0 && !Number.isNaN(range.q))
    // Highest weight first; equal weights keep the browser's order.
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) if (isAppLocale(range.language)) return range.language;
  return DEFAULT_LOCALE;
}
