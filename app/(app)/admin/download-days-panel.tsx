'use client';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../client/error-message';

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
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const s = data?.downloadDaysSettings;

  async function run(action: () => Promise<unknown>, done: string) {
    setMessage(null);
    try {
      await action();
      setMessage({ ok: true, text: done });
    } catch (caught) {
      setMessage({ ok: false, text: errorMessage(caught) });
    }
  }

  return (
    <section className="panel stack" aria-labelledby="download-days-title">
      <h2 id="download-days-title">Download days</h2>
      {error ? (
        <p role="alert" className="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'success' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      {s ? (
        <>
          <p>
            Newly connected mailboxes import the last <strong>{s.effective} days</strong> of mail
            {s.tenantOverride !== null ? ' (this organisation’s own setting)' : ' (the deployment default)'}. Widening the window
            imports older mail in the background; narrowing it deletes nothing.
          </p>
          {s.canChangeTenant ? (
            <DaysForm
              id="tenant-days"
              label="Days for this organisation"
              placeholder={s.deploymentDefault}
              hint={`Empty: use the deployment default (${s.deploymentDefault}).`}
              onSave={(days) =>
                run(
                  () => setTenant({ variables: { tenantId: s.tenantId, days } }),
                  'Saved: older mail is imported if the window grew.',
                )
              }
            />
          ) : (
            <p className="muted">In the hosted service, contact support to change how far back mail is imported.</p>
          )}
          {s.canChangeDeployment ? (
            <DaysForm
              id="deployment-days"
              label="Deployment default (operator)"
              placeholder={s.configuredDefault}
              hint={`Empty: ${s.configuredDefault} days (${s.mode} mode${s.configuredDefault !== (s.mode === 'online' ? 30 : 180) ? ', NUMBER_OF_DAYS_TO_DOWNLOAD' : ''}).`}
              onSave={(days) => run(() => setDeployment({ variables: { days } }), 'Saved the deployment default.')}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** One number of days and a Save button; empty means "no override". */
function DaysForm(props: {
  id: string;
  label: string;
  placeholder: number;
  hint: string;
  onSave: (days: number | null) => Promise<void>;
}) {
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
        Save
      </button>
      <span className="muted">{props.hint}</span>
    </form>
  );
}
