import { getRequestConfig } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import { chooseLocale } from './choose-locale';
import { LOCALE_COOKIE, type AppLocale } from './locales';

// Loaded per language, so a page carries one catalog, not both.
const CATALOGS: Record<AppLocale, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import('../messages/en.json'),
  nl: () => import('../messages/nl.json'),
};

/**
 * next-intl without locale routing: URLs stay as they are; the language of each request comes
 * from the `locale` cookie (the switcher) or the browser's Accept-Language. A per-user setting
 * in the database would be read here first, once Local settings store one.
 */
export default getRequestConfig(async () => {
  const locale = chooseLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  return { locale, messages: (await CATALOGS[locale]()).default };
});
