'use client';
import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { UserMenu } from '../components/user-menu';
import { VIEWER } from '../client/viewer-query';

/** The app shell: the navigator on the left, the user menu on top, the page in the middle. */
export default function AppLayout({ children }: { children: ReactNode }) {
  const { data } = useQuery(VIEWER);
  const pathname = usePathname();
  const viewer = data?.viewer;
  return (
    <div className="shell">
      <nav className="navigator" aria-label="Navigator">
        <span className="logo" aria-hidden="true">
          ✉
        </span>
        <Link href="/inbox" className="nav-button" aria-current={pathname.startsWith('/inbox') ? 'page' : undefined}>
          <span aria-hidden="true">📥</span>
          <span>Inbox</span>
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
