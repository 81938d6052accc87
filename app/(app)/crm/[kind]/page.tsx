import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { CrmListView } from '../../../components/crm/crm-list-view';
import { CRM_TITLES, crmKindOf } from '../../../components/crm/crm-kind';
import { pageTitle } from '../../../page-title';

type Props = { params: Promise<{ kind: string }> };

export async function generateMetadata({ params }: Props) {
  const kind = crmKindOf((await params).kind);
  return kind ? pageTitle(CRM_TITLES[kind].list) : pageTitle('notFound');
}

export default async function CrmListPage({ params }: Props) {
  const kind = crmKindOf((await params).kind);
  if (!kind) notFound();
  return (
    <Suspense>
      <CrmListView kind={kind} />
    </Suspense>
  );
}
