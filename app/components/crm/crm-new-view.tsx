'use client';
import { useMutation } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { CRM_FIELDS } from './crm-fields';
import { CrmForm } from './crm-form';
import { CRM_DOCUMENTS, type CrmKind } from './crm-queries';

/** "New person" (company, project, sale): on success the new record's page, which says it was added. */
export function CrmNewView({ kind }: { kind: CrmKind }) {
  const t = useTranslations('crm');
  const router = useRouter();
  const docs = CRM_DOCUMENTS[kind];
  const [create] = useMutation(docs.create);
  return (
    <section className="stack crm-page" aria-labelledby="crm-new-title">
      <Link href={`/crm/${kind}`} className="crm-back">
        {t('actions.backToList', { kind: t(`kinds.${kind}.title`) })}
      </Link>
      <h1 id="crm-new-title">{t(`kinds.${kind}.new`)}</h1>
      <div className="panel">
        <CrmForm
          fields={CRM_FIELDS[kind]}
          labelledBy="crm-new-title"
          submitLabel={t('actions.create')}
          busyLabel={t('actions.creating')}
          onSubmit={async (input) => {
            const result = await create({ variables: { input } });
            const id = result.data?.[docs.field.create]?.id;
            if (id) router.push(`/crm/${kind}/${id}?created=1`);
          }}
        />
      </div>
    </section>
  );
}
