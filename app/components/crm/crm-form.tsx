'use client';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { TextField } from '../text-field';
import { CompanySelect } from './company-select';
import { formValuesOf, inputOf, type CrmField } from './crm-fields';
import type { CrmRecord } from './crm-queries';

/** The create and edit form of every CRM kind: its fields from crm-fields.ts, errors beside the field they concern. */
export function CrmForm({
  fields,
  record,
  submitLabel,
  busyLabel,
  onSubmit,
  onCancel,
  labelledBy,
}: {
  fields: readonly CrmField[];
  record?: CrmRecord;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (input: Record<string, unknown>) => Promise<void>;
  onCancel?: () => void;
  labelledBy: string;
}) {
  const t = useTranslations('crm');
  const errorText = useErrorText();
  const [values, setValues] = useState(() => formValuesOf(fields, record));
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();
  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const known = new Set(fields.map((f) => f.name));
  const fieldError = (name: string) => (error && error.field === name ? errorText(error) : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await onSubmit(inputOf(fields, values));
    } catch (caught) {
      setError(errorInfo(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="crm-form" onSubmit={submit} aria-labelledby={labelledBy}>
      {error && !(error.field && known.has(error.field)) ? (
        <p role="alert" className="alert">
          {errorText(error)}
        </p>
      ) : null}
      {fields.map((field) => {
        const label = t(`fields.${field.label}`);
        const value = values[field.name] ?? '';
        switch (field.type) {
          case 'company':
            return (
              <CompanySelect
                key={field.name}
                value={value}
                current={record?.company}
                onChange={set(field.name)}
                error={fieldError(field.name)}
              />
            );
          case 'status':
            return (
              <div className="field" key={field.name}>
                <label htmlFor={`${formId}-${field.name}`}>{label}</label>
                <select id={`${formId}-${field.name}`} value={value} onChange={(e) => set(field.name)(e.target.value)}>
                  {field.options?.map((option) => (
                    <option key={option} value={option}>
                      {t(`status.${option}` as 'status.OPEN')}
                    </option>
                  ))}
                </select>
              </div>
            );
          case 'textarea':
            return (
              <div className="field" key={field.name}>
                <label htmlFor={`${formId}-${field.name}`}>{label}</label>
                <textarea
                  id={`${formId}-${field.name}`}
                  rows={3}
                  value={value}
                  maxLength={1000}
                  onChange={(e) => set(field.name)(e.target.value)}
                  aria-invalid={fieldError(field.name) ? true : undefined}
                />
                {fieldError(field.name) ? <p className="field-error">{fieldError(field.name)}</p> : null}
              </div>
            );
          case 'list':
            return (
              <div key={field.name}>
                <TextField
                  label={label}
                  value={value}
                  onChange={(e) => set(field.name)(e.target.value)}
                  error={fieldError(field.name)}
                  aria-describedby={fieldError(field.name) ? undefined : `${formId}-${field.name}-hint`}
                  autoComplete="off"
                  spellCheck={false}
                />
                <p className="muted crm-hint" id={`${formId}-${field.name}-hint`}>
                  {t('fields.listHint')}
                </p>
              </div>
            );
          case 'amount':
            return (
              <TextField
                key={field.name}
                label={label}
                type="number"
                inputMode="decimal"
                step="0.01"
                min="0"
                value={value}
                onChange={(e) => set(field.name)(e.target.value)}
                error={fieldError(field.name)}
              />
            );
          default:
            return (
              <TextField
                key={field.name}
                label={label}
                type={field.inputType ?? 'text'}
                required={field.required}
                maxLength={field.type === 'currency' ? 3 : field.name === 'name' ? 200 : 100}
                value={value}
                onChange={(e) => set(field.name)(e.target.value)}
                error={fieldError(field.name)}
              />
            );
        }
      })}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('actions.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
