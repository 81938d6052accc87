'use client';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { EmailAddressLink } from '../compose/email-address-link';
import type { CrmField } from './crm-fields';
import type { CrmRecord } from './crm-queries';
import { useMoney } from './crm-summary';

/** A record's fields as a definition list; e-mail addresses write an e-mail, the company opens its page. */
export function CrmFacts({ fields, record }: { fields: readonly CrmField[]; record: CrmRecord }) {
  const t = useTranslations('crm');
  const money = useMoney();
  const value = (field: CrmField) => {
    const raw = (record as unknown as Record<string, unknown>)[field.name];
    switch (field.type) {
      case 'company':
        return record.company ? <Link href={`/crm/companies/${record.company.id}`}>{record.company.name}</Link> : null;
      case 'list': {
        const items = (raw as string[] | undefined) ?? [];
        if (!items.length) return null;
        return (
          <ul className="crm-values">
            {items.map((item) => (
              <li key={item}>{field.name === 'emails' ? <EmailAddressLink address={{ name: '', address: item }} /> : item}</li>
            ))}
          </ul>
        );
      }
      case 'status':
        return raw ? t(`status.${raw as string}` as 'status.OPEN') : null;
      case 'amount':
        return money(record);
      case 'textarea':
        return raw ? <span className="crm-multiline">{raw as string}</span> : null;
      default:
        return (raw as string | null | undefined) || null;
    }
  };
  return (
    <dl className="crm-facts">
      {fields
        .filter((field) => field.name !== 'name')
        .map((field) => (
          <div key={field.name}>
            <dt>{t(`fields.${field.label}`)}</dt>
            <dd>{value(field) ?? t('fields.none')}</dd>
          </div>
        ))}
    </dl>
  );
}
