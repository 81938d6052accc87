import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { pageTitle } from './page-title';

export const generateMetadata = () => pageTitle('notFound');

// Our own 404 in the house style: Next's default one carries inline <style> and style attributes,
// which the strict CSP (lib/server/security-headers.ts) refuses.
export default async function NotFoundPage() {
  const t = await getTranslations('notFound');
  return (
    <main className="centered">
      <section className="card" aria-labelledby="not-found-title">
        <p className="eyebrow">404</p>
        <h1 id="not-found-title">{t('title')}</h1>
        <Link className="button" href="/inbox">
          {t('back')}
        </Link>
      </section>
    </main>
  );
}
