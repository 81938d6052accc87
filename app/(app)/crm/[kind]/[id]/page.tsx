import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { CrmDetailView } from '../../../../components/crm/crm-detail-view';
import { CRM_TITLES, crmKindOf } from '../../../../components/crm/crm-kind';
import { pageTitle } from '../../../../page-title';

type Props = { params: Promise<{ kind: string; id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata({ params }: Props) {
  const kind = crmKindOf((await params).kind);
  return kind ? pageTitle(CRM_TITLES[kind].one) : pageTitle('notFound');
}

export default async function CrmRecordPage({ params }: Props) {
  const { kind: segment, id } = await params;
  const kind = crmKindOf(segment);
  if (!kind || !UUID.test(id)) notFound();
  return (
    <Suspense>
      <CrmDetailView kind={kind} id={id} />
    </Suspense>
  );
}
