'use client';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { CRM_KINDS } from './crm-queries';

/** Persons · Companies · Projects · Sales: the CRM's sections, the current one marked for screen readers. */
export function CrmTabs() {
  const t = useTranslations('crm');
  const pathname = usePathname();
  return (
    <nav className="crm-tabs" aria-label={t('sections')}>
      {CRM_KINDS.map((kind) => (
        <Link key={kind} href={`/crm/${kind}`} aria-current={pathname.startsWith(`/crm/${kind}`) ? 'page' : undefined}>
          {t(`kinds.${kind}.title`)}
        </Link>
      ))}
    </nav>
  );
}
