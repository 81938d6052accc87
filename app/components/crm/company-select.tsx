'use client';
import { useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { COMPANY_CHOICES, type CompanyLink } from './crm-queries';

/**
 * The company of a person, project or sale: the tenant's first 100 companies by name, and the
 * current one even when it is not among them. A searchable picker can replace this when tenants
 * grow past a hundred companies.
 */
export function CompanySelect({
  value,
  current,
  onChange,
  error,
}: {
  value: string;
  current?: CompanyLink | null;
  onChange: (id: string) => void;
  error?: string;
}) {
  const t = useTranslations('crm.fields');
  const id = useId();
  const { data } = useQuery(COMPANY_CHOICES, { variables: {}, fetchPolicy: 'cache-and-network' });
  const choices = data?.companies.edges.map((e) => e.node) ?? [];
  if (current && !choices.some((c) => c.id === current.id)) choices.unshift(current);
  return (
    <div className="field">
      <label htmlFor={id}>{t('company')}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{t('noCompany')}</option>
        {choices.map((company) => (
          <option key={company.id} value={company.id}>
            {company.name}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
