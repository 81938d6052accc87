'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { CompanyRelated } from './company-related';
import { CrmFacts } from './crm-facts';
import { CRM_FIELDS } from './crm-fields';
import { CrmForm } from './crm-form';
import { CRM_DOCUMENTS, type CrmKind } from './crm-queries';
import { CrmTimeline } from './crm-timeline';

/**
 * One record: its facts, Edit (the same form as New), Delete (asked once more). Arriving from
 * New (`?created=1`) says so and focuses the heading; after Delete the list says what went.
 */
export function CrmDetailView({ kind, id }: { kind: CrmKind; id: string }) {
  const t = useTranslations('crm');
  const errorText = useErrorText();
  const router = useRouter();
  const created = useSearchParams().get('created') === '1';
  const docs = CRM_DOCUMENTS[kind];
  const fields = CRM_FIELDS[kind];
  const { data, error } = useQuery(docs.get, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [update] = useMutation(docs.update);
  const [remove, { loading: deleting }] = useMutation(docs.remove);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);
  const [deleteError, setDeleteError] = useState<ErrorInfo | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const record = data?.[docs.field.one];

  useEffect(() => {
    if (created && record) heading.current?.focus();
  }, [created, record]);

  if (error)
    return (
      <section className="stack crm-page">
        <p role="alert" className="alert">
          {t('loadFailed', { reason: errorText(errorInfo(error)) })}
        </p>
        <Link href={`/crm/${kind}`}>{t('actions.backToList', { kind: t(`kinds.${kind}.title`) })}</Link>
      </section>
    );
  if (!record)
    return (
      <p className="muted" aria-busy="true">
        {t('actions.loading')}
      </p>
    );

  async function confirmDelete() {
    setDeleteError(null);
    try {
      await remove({ variables: { id } });
      router.push(`/crm/${kind}?deleted=${encodeURIComponent(record!.name)}`);
    } catch (caught) {
      setDeleteError(errorInfo(caught));
    }
  }

  return (
    <article className="stack crm-page" aria-labelledby="crm-record-title">
      <Link href={`/crm/${kind}`} className="crm-back">
        {t('actions.backToList', { kind: t(`kinds.${kind}.title`) })}
      </Link>
      <div className="crm-head">
        <div>
          <p className="eyebrow">{t(`kinds.${kind}.singular`)}</p>
          <h1 id="crm-record-title" ref={heading} tabIndex={-1}>
            {record.name}
          </h1>
        </div>
        {!editing ? (
          <div className="actions">
            <button ref={editButton} type="button" className="button" onClick={() => (setEditing(true), setSaved(false))}>
              {t('actions.edit')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(true)} aria-expanded={confirming}>
              {t('actions.delete')}
            </button>
          </div>
        ) : null}
      </div>
      {created && !saved ? (
        <p role="status" className="success">
          {t(`kinds.${kind}.created`, { name: record.name })}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="success">
          {t('actions.saved')}
        </p>
      ) : null}
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="crm-confirm-delete">
          <p id="crm-confirm-delete">{t('actions.confirmDelete', { name: record.name })}</p>
          {deleteError ? (
            <p role="alert" className="alert">
              {errorText(deleteError)}
            </p>
          ) : null}
          <div className="actions">
            <button type="button" className="button danger" onClick={confirmDelete} disabled={deleting} autoFocus>
              {deleting ? t('actions.deleting') : t('actions.delete')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('actions.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {editing ? (
        <div className="panel">
          <CrmForm
            fields={fields}
            record={record}
            labelledBy="crm-record-title"
            submitLabel={t('actions.save')}
            busyLabel={t('actions.saving')}
            onCancel={() => setEditing(false)}
            onSubmit={async (input) => {
              await update({ variables: { id, input } });
              setEditing(false);
              setSaved(true);
              heading.current?.focus();
            }}
          />
        </div>
      ) : (
        <CrmFacts fields={fields} record={record} />
      )}
      {kind === 'companies' ? <CompanyRelated id={id} /> : null}
      <CrmTimeline kind={kind} id={id} />
    </article>
  );
}
