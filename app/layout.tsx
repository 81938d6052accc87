import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { Providers } from './providers';

// Every page is rendered per request: Next puts the CSP nonce of each response on its scripts
// (lib/server/security-headers.ts), which a page prerendered at build time cannot have; and pages
// whose status depends on the session must not go out as `s-maxage=31536000` (issue 8, item 5).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'CRM Inbox',
  description: 'The e-mail inbox inside your CRM',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
