'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { LANGUAGE_NAMES, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, LOCALES, isAppLocale } from '../../i18n/locales';

/**
 * The language choice: written to the `locale` cookie (i18n/request.ts reads it before the
 * browser's Accept-Language), then the page is rendered again on the server in that language.
 */
export function LanguageSwitcher() {
  const t = useTranslations('languageSwitcher');
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  return (
    <div className="field language-switcher">
      <label htmlFor={id}>{t('label')}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (!isAppLocale(event.target.value)) return;
          document.cookie = `${LOCALE_COOKIE}=${event.target.value}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_SECONDS}; samesite=lax`;
          router.refresh();
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
