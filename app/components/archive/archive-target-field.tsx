'use client';
import { useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useDeferredValue, useId, useState } from 'react';
import { TARGET_CHOICES } from './archive-queries';
import type { ArchiveChoice, ArchiveTargetKind } from './archive-targets';

/**
 * One kind's searchable picker: a search box over the CRM connection and a labelled select of
 * what it finds (suggestions first, the current choice always kept). A native select keeps the
 * keyboard and screen-reader behaviour the browser already gets right.
 */
export function ArchiveTargetField({
  kind,
  value,
  onChange,
  suggested = [],
  companyId,
  disabled,
}: {
  kind: ArchiveTargetKind;
  value: ArchiveChoice | null;
  onChange: (choice: ArchiveChoice | null) => void;
  suggested?: ArchiveChoice[];
  /** Projects and sales: only this company's. */
  companyId?: string | null;
  disabled?: boolean;
}) {
  const t = useTranslations('archive.picker');
  const id = useId();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const filtered = kind === 'PROJECT' || kind === 'SALE';
  const { data } = useQuery(TARGET_CHOICES[kind], {
    variables: { search: deferred || null, ...(filtered ? { companyId: companyId ?? null } : {}) },
    fetchPolicy: 'cache-and-network',
  });
  const found = data?.choices?.edges.map((e) => e.node) ?? [];
  const choices: ArchiveChoice[] = [];
  const add = (c: ArchiveChoice) => {
    if (!choices.some((x) => x.id === c.id)) choices.push({ id: c.id, name: c.name });
  };
  if (value) add(value);
  suggested.forEach(add);
  found.forEach(add);
  const key = kind.toLowerCase() as 'person' | 'company' | 'project' | 'sale';
  return (
    <fieldset className="archive-target-field" disabled={disabled}>
      <legend>{t(`${key}.label`)}</legend>
      <label htmlFor={`${id}-search`} className="visually-hidden">
        {t(`${key}.search`)}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={search}
        placeholder={t(`${key}.search`)}
        onChange={(e) => setSearch(e.target.value)}
        maxLength={200}
      />
      <label htmlFor={id} className="visually-hidden">
        {t(`${key}.label`)}
      </label>
      <select id={id} value={value?.id ?? ''} onChange={(e) => onChange(choices.find((c) => c.id === e.target.value) ?? null)}>
        <option value="">{t('none')}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
