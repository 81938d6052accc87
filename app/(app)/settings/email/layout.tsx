import type { ReactNode } from 'react';
import { pageTitle } from '../../../page-title';

// The page is a client component, which cannot export metadata: its title is set here.
export const generateMetadata = () => pageTitle('emailOptions');

export default function Layout({ children }: { children: ReactNode }) {
  return children;
}
