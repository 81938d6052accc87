'use client';
import { useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { COMPANY_PERSONS, COMPANY_PROJECTS, COMPANY_SALES, type CrmKind } from './crm-queries';
import { CrmSummary } from './crm-summary';

const QUERIES = { persons: COMPANY_PERSONS, projects: COMPANY_PROJECTS, sales: COMPANY_SALES };
const TITLES = { persons: 'companyPersons', projects: 'companyProjects', sales: 'companySales' } as const;

function Related({ companyId, kind }: { companyId: string; kind: Exclude<CrmKind, 'companies'> }) {
  const t = useTranslations('crm');
  const { data } = useQuery(QUERIES[kind], { variables: { id: companyId }, fetchPolicy: 'cache-and-network' });
  const id = `company-${kind}`;
  if (!data) return null;
  const edges = data.related.edges;
  return (
    <section aria-labelledby={id} className="crm-related">
      <h2 id={id}>{t(TITLES[kind])}</h2>
      {edges.length ? (
        <ul className="crm-list">
          {edges.map(({ node }) => (
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
  return (
    <>
      <Related companyId={id} kind="persons" />
      <Related companyId={id} kind="projects" />
      <Related companyId={id} kind="sales" />
    </>
  );
}
