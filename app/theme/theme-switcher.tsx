'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { THEME_CHOICES, THEME_COOKIE, THEME_COOKIE_MAX_AGE_SECONDS, isThemeChoice, type ThemeChoice } from './theme-choice';

/**
 * The theme choice: written to the `theme` cookie, then the page is rendered again on the server,
 * whose root layout puts the matching `data-theme` on <html> (the same path as the language).
 */
export function ThemeSwitcher({ current }: { current: ThemeChoice }) {
  const t = useTranslations('themeSwitcher');
  const router = useRouter();
  const id = useId();
  const [choice, setChoice] = useState(current);
  return (
    <div className="field theme-switcher">
      <label htmlFor={id}>{t('label')}</label>
      <select
        id={id}
        value={choice}
        onChange={(event) => {
          if (!isThemeChoice(event.target.value)) return;
          setChoice(event.target.value);
          document.cookie = `${THEME_COOKIE}=${event.target.value}; path=/; max-age=${THEME_COOKIE_MAX_AGE_SECONDS}; samesite=lax`;
          router.refresh();
        }}
      >
        {THEME_CHOICES.map((value) => (
          <option key={value} value={value}>
            {t(value)}
          </option>
        ))}
      </select>
    </div>
  );
}
