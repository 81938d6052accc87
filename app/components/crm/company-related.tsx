'use client';
import { useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { COMPANY_RELATED, type CrmConnection, type CrmKind } from './crm-queries';
import { CrmSummary } from './crm-summary';

function Related({ title, kind, connection }: { title: string; kind: CrmKind; connection: CrmConnection }) {
  const t = useTranslations('crm');
  const id = `company-${kind}`;
  return (
    <section aria-labelledby={id} className="crm-related">
      <h2 id={id}>{title}</h2>
      {connection.edges.length ? (
        <ul className="crm-list">
          {connection.edges.map(({ node }) => (
            <li key={node.id}>
              <Link href={`/crm/${kind}/${node.id}`}>
                <span className="crm-name">{node.name}</span>
                <CrmSummary record={node} />
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('noneLinked')}</p>
      )}
    </section>
  );
}

/** A company page's persons, projects and sales (the first hundred of each, by name). */
export function CompanyRelated({ id }: { id: string }) {
  const t = useTranslations('crm');
  const { data } = useQuery(COMPANY_RELATED, { variables: { id }, fetchPolicy: 'cache-and-network' });
  if (!data) return null;
  return (
    <>
      <Related title={t('companyPersons')} kind="persons" connection={data.company.persons} />
      <Related title={t('companyProjects')} kind="projects" connection={data.company.projects} />
      <Related title={t('companySales')} kind="sales" connection={data.company.sales} />
    </>
  );
}
