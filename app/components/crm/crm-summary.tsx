'use client';
import { useFormatter, useTranslations } from 'next-intl';
import type { CrmRecord } from './crm-queries';

/** The amount of a sale in the page's language ("€ 1.234,50"); without a currency just the number. */
export function useMoney(): (record: Pick<CrmRecord, 'amountMinor' | 'currency'>) => string | null {
  const format = useFormatter();
  return ({ amountMinor, currency }) =>
    amountMinor == null
      ? null
      : currency
        ? format.number(amountMinor / 100, { style: 'currency', currency })
        : format.number(amountMinor / 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** One line under a record's name in a list: its addresses or domains, company, status, amount. */
export function CrmSummary({ record }: { record: CrmRecord }) {
  const t = useTranslations('crm');
  const money = useMoney();
  const parts = [
    ...(record.emails ?? []),
    ...(record.domains ?? []),
    record.title,
    record.company?.name,
    record.status ? t(`status.${record.status}` as 'status.OPEN') : null,
    money(record),
  ].filter((part): part is string => !!part);
  return parts.length ? <span className="crm-summary">{parts.join(' · ')}</span> : null;
}
