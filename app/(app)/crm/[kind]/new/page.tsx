import { notFound } from 'next/navigation';
import { CrmNewView } from '../../../../components/crm/crm-new-view';
import { CRM_TITLES, crmKindOf } from '../../../../components/crm/crm-kind';
import { pageTitle } from '../../../../page-title';

type Props = { params: Promise<{ kind: string }> };

export async function generateMetadata({ params }: Props) {
  const kind = crmKindOf((await params).kind);
  return kind ? pageTitle(CRM_TITLES[kind].new) : pageTitle('notFound');
}

export default async function CrmNewPage({ params }: Props) {
  const kind = crmKindOf((await params).kind);
  if (!kind) notFound();
  return <CrmNewView kind={kind} />;
}
