/**
 * Who may open which page, decided purely (house rule 1); the HTTP server carries it out.
 * Pages render nothing secret themselves (their data comes through authorized GraphQL),
 * but a person should land on the right page, and a non-admin must get a real 403 at /admin.
 */
import { safeNextPath } from '../auth/safe-next-path.ts';

export type PageAccess = { type: 'render' } | { type: 'redirect'; location: string } | { type: 'forbidden' };

export interface PageAccessInput {
  pathname: string;
  /** Query string including `?`, or '' */
  search: string;
  setupRequired: boolean;
  viewer: { isAdmin: boolean } | null;
}

const PUBLIC_PAGES = new Set(['/forbidden']);

/** True for paths that are pages (not assets, not the API). */
export function isPagePath(pathname: string): boolean {
  if (pathname.startsWith('/_next/') || pathname.startsWith('/api/') || pathname.startsWith('/__nextjs')) return false;
  return !/\.[a-z0-9]+$/i.test(pathname); // favicon.ico, robots.txt, …
}

export function decidePageAccess({ pathname, search, setupRequired, viewer }: PageAccessInput): PageAccess {
  if (PUBLIC_PAGES.has(pathname)) return { type: 'render' };
  if (setupRequired) return pathname === '/setup' ? { type: 'render' } : { type: 'redirect', location: '/setup' };
  if (pathname === '/setup') return { type: 'redirect', location: viewer ? '/inbox' : '/sign-in' };
  if (pathname === '/sign-in')
    return viewer ? { type: 'redirect', location: safeNextPath(new URLSearchParams(search).get('next')) } : { type: 'render' };
  if (!viewer) {
    const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    return { type: 'redirect', location: `/sign-in${next}` };
  }
  if (pathname === '/') return { type: 'redirect', location: '/inbox' };
  if ((pathname === '/admin' || pathname.startsWith('/admin/')) && !viewer.isAdmin) return { type: 'forbidden' };
  return { type: 'render' };
}
