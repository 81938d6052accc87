import type { AppLocale } from './locales';
import type messages from '../messages/en.json';

// Typed keys: `t('signIn.titel')` is a type error, so a key missing from the English catalog
// fails `tsc` (and i18n/catalogs.test.ts keeps Dutch in step with English).
declare module 'next-intl' {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
