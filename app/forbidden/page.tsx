import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { pageTitle } from '../page-title';

export const generateMetadata = () => pageTitle('forbidden');

export default async function ForbiddenPage() {
  const t = await getTranslations('forbidden');
  return (
    <main className="centered">
      <section className="card" aria-labelledby="forbidden-title">
        <p className="eyebrow">403</p>
        <h1 id="forbidden-title">{t('title')}</h1>
        <p>{t('explanation')}</p>
        <Link className="button" href="/inbox">
          {t('back')}
        </Link>
      </section>
    </main>
  );
}
