import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import './globals.css';
import { BrowserTimeZone } from './components/browser-time-zone';
import { Providers } from './providers';
import { THEME_COOKIE, themeAttribute } from './theme/theme-choice';

// Every page is rendered per request: Next puts the CSP nonce of each response on its scripts
// (lib/server/security-headers.ts), which a page prerendered at build time cannot have; and pages
// whose status depends on the session must not go out as `s-maxage=31536000` (issue 8, item 5).
// The language is per request too (i18n/request.ts: the `locale` cookie or Accept-Language).
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('metadata');
  return { title: t('appName'), description: t('description') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The provider hands the request's language and catalog to the client components; dates follow
  // the browser's time zone (BrowserTimeZone). The theme is set here, on the server, so the first
  // paint already has the chosen colours: the CSP forbids the usual inline pre-paint script.
  const theme = themeAttribute((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang={await getLocale()} data-theme={theme}>
      <body>
        <NextIntlClientProvider>
          <BrowserTimeZone>
            <Providers>{children}</Providers>
          </BrowserTimeZone>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
