'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { ErrorInfo } from './error-message';
import { chooseErrorText } from './error-text';

/** `(problem) => text` in the page's language (see chooseErrorText). */
export function useErrorText(): (problem: ErrorInfo) => string {
  const t = useTranslations('errors');
  const locale = useLocale();
  // Codes come from the server at run time: the catalog is asked whether it has one first.
  const catalog = {
    has: (code: string) => t.has(code as never),
    text: (code: string, values?: Record<string, string>) => t(code as never, values as never),
  };
  return (problem) => chooseErrorText(problem, locale, catalog);
}
