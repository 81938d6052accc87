'use client';
import { useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { UserMenu } from '../components/user-menu';
import { VIEWER } from '../client/viewer-query';

/** The app shell: the navigator on the left, the user menu on top, the page in the middle. */
export default function AppLayout({ children }: { children: ReactNode }) {
  const t = useTranslations('appShell');
  const { data } = useQuery(VIEWER);
  const pathname = usePathname();
  const viewer = data?.viewer;
  return (
    <div className="shell">
      <nav className="navigator" aria-label={t('navigator')}>
        <span className="logo" aria-hidden="true">
          CRM
        </span>
        <Link href="/inbox" className="nav-button" aria-current={pathname.startsWith('/inbox') ? 'page' : undefined}>
          <svg
            aria-hidden="true"
            width="22"
            height="22"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            <path d="M22 12h-6l-2 3h-4l-2-3H2" />
            <path d="M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z" />
          </svg>
          <span>{t('inbox')}</span>
        </Link>
        <Link href="/crm/persons" className="nav-button" aria-current={pathname.startsWith('/crm') ? 'page' : undefined}>
          <svg
            aria-hidden="true"
            width="22"
            height="22"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            <path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2" />
            <circle cx="9" cy="7" r="4" />
            <path d="M22 21v-2a4 4 0 0 0-3-3.87" />
            <path d="M16 3.13a4 4 0 0 1 0 7.75" />
          </svg>
          <span>{t('crm')}</span>
        </Link>
      </nav>
      <div className="workspace">
        <header className="topbar">
          <span className="tenant">{viewer?.tenant.name ?? ''}</span>
          {viewer ? <UserMenu name={viewer.user.name} email={viewer.user.email} isAdmin={viewer.isAdmin} /> : null}
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
