'use client';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';

interface Settings {
  tenantId: string;
  effective: number;
  tenantOverride: number | null;
  deploymentDefault: number;
  deploymentValue: number | null;
  configuredDefault: number;
  mode: string;
  canChangeTenant: boolean;
  canChangeDeployment: boolean;
}

const FIELDS = `tenantId effective tenantOverride deploymentDefault deploymentValue configuredDefault mode canChangeTenant canChangeDeployment`;
const SETTINGS: TypedDocumentNode<{ downloadDaysSettings: Settings }> =
  gql`query DownloadDays { downloadDaysSettings { ${FIELDS} } }`;
const SET_TENANT: TypedDocumentNode<{ setTenantDownloadDays: Settings }, { tenantId: string; days: number | null }> =
  gql`mutation SetTenantDownloadDays($tenantId: ID!, $days: Int) { setTenantDownloadDays(tenantId: $tenantId, days: $days) { ${FIELDS} } }`;
const SET_DEPLOYMENT: TypedDocumentNode<{ setDeploymentDownloadDays: Settings }, { days: number | null }> =
  gql`mutation SetDeploymentDownloadDays($days: Int) { setDeploymentDownloadDays(days: $days) { ${FIELDS} } }`;

/** Download days: the deployment value (operators) and this tenant's override (operators; onsite admins too). */
export function DownloadDaysPanel() {
  const { data, error } = useQuery(SETTINGS);
  const [setTenant] = useMutation(SET_TENANT, { refetchQueries: [SETTINGS] });
  const [setDeployment] = useMutation(SET_DEPLOYMENT, { refetchQueries: [SETTINGS] });
  const t = useTranslations('admin.downloadDays');
  const errorText = useErrorText();
  const [message, setMessage] = useState<{ ok: true; text: string } | { ok: false; problem: ErrorInfo } | null>(null);
  const s = data?.downloadDaysSettings;

  async function run(action: () => Promise<unknown>, done: string) {
    setMessage(null);
    try {
      await action();
      setMessage({ ok: true, text: done });
    } catch (caught) {
      setMessage({ ok: false, problem: errorInfo(caught) });
    }
  }

  return (
    <section className="panel stack" aria-labelledby="download-days-title">
      <h2 id="download-days-title">{t('title')}</h2>
      {error ? (
        <p role="alert" className="alert">
          {errorText(errorInfo(error))}
        </p>
      ) : null}
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'success' : 'alert'}>
          {message.ok ? message.text : errorText(message.problem)}
        </p>
      ) : null}
      {s ? (
        <>
          <p>
            {t.rich('summary', {
              days: s.effective,
              source: s.tenantOverride !== null ? 'tenant' : 'deployment',
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          {s.canChangeTenant ? (
            <DaysForm
              id="tenant-days"
              label={t('tenantLabel')}
              placeholder={s.deploymentDefault}
              hint={t('tenantHint', { days: s.deploymentDefault })}
              onSave={(days) => run(() => setTenant({ variables: { tenantId: s.tenantId, days } }), t('tenantSaved'))}
            />
          ) : (
            <p className="muted">{t('hosted')}</p>
          )}
          {s.canChangeDeployment ? (
            <DaysForm
              id="deployment-days"
              label={t('deploymentLabel')}
              placeholder={s.configuredDefault}
              hint={t('deploymentHint', {
                days: s.configuredDefault,
                mode: s.mode,
                // The mode's own default is 30 (online) or 180 (onsite); another number came from the environment.
                fromEnvironment: String(s.configuredDefault !== (s.mode === 'online' ? 30 : 180)),
              })}
              onSave={(days) => run(() => setDeployment({ variables: { days } }), t('deploymentSaved'))}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** One number of days and a Save button; empty means "no override". Label and hint come translated. */
function DaysForm(props: {
  id: string;
  label: string;
  placeholder: number;
  hint: string;
  onSave: (days: number | null) => Promise<void>;
}) {
  const t = useTranslations('common');
  const [value, setValue] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void props.onSave(value.trim() === '' ? null : Number(value));
      }}
    >
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={1}
        max={3650}
        placeholder={String(props.placeholder)}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button className="button" type="submit">
        {t('save')}
      </button>
      <span className="muted">{props.hint}</span>
    </form>
  );
}
