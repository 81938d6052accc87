'use client';
import { NextIntlClientProvider, useLocale, useMessages, useTimeZone } from 'next-intl';
import { useSyncExternalStore, type ReactNode } from 'react';

const unchanging = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Dates in the reader's own time zone: the server knows only its own, so the page is rendered
 * (and hydrated) with the server's, and re-rendered with the browser's at once after hydration
 * (useSyncExternalStore's server snapshot keeps hydration identical). Replace with a per-user
 * setting once there is one.
 */
export function BrowserTimeZone({ children }: { children: ReactNode }) {
  const serverTimeZone = useTimeZone();
  const timeZone = useSyncExternalStore(unchanging, browserTimeZone, () => serverTimeZone);
  const locale = useLocale();
  const messages = useMessages();
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone}>
      {children}
    </NextIntlClientProvider>
  );
}
