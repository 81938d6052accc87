'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ArchiveMark as Mark } from './archive-queries';
import { crmHref } from './crm-href';
import './archive.css';

/**
 * "Archived to Acme BV" beside a row or in the reader: an icon and the target's name, a link to
 * its CRM page (the company when there is one: what a salesperson thinks in).
 */
export function ArchiveMark({ mark }: { mark: Mark | undefined }) {
  const t = useTranslations('archive.mark');
  if (!mark) return null;
  const target =
    mark.targets.find((x) => x.kind === 'COMPANY') ?? mark.targets.find((x) => x.kind === 'PERSON') ?? mark.targets[0];
  if (!target) return null;
  return (
    <span className="archive-mark">
      <ArchiveIcon label={t('icon')} />
      <Link href={crmHref(target)}>
        {mark.wholeMessage ? t('archivedTo', { name: target.name }) : t('attachmentsTo', { name: target.name })}
      </Link>
    </span>
  );
}

function ArchiveIcon({ label }: { label: string }) {
  return (
    <svg
      role="img"
      aria-label={label}
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M3 4h18v4H3zM5 8v12h14V8M10 12h4" />
    </svg>
  );
}
