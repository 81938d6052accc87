'use client';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent, type ReactNode } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { TextField } from '../text-field';

/**
 * A small inline form asking for a folder name (New folder, Rename). The server validates the
 * name (lib/mail-folders/plan-folder-action.ts): an error about the name shows under the field,
 * any other above the buttons, both in the page's language.
 */
export function FolderNameForm({
  label,
  submitLabel,
  initialName = '',
  children,
  onSubmit,
  onCancel,
}: {
  /** The form's accessible name, e.g. "New folder". */
  label: string;
  submitLabel: string;
  initialName?: string;
  /** Fields between the name and the buttons (the parent folder choice). */
  children?: ReactNode;
  /** Resolves when the action is stored; rejects with the API's error. */
  onSubmit: (name: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const t = useTranslations('folders');
  const errorText = useErrorText();
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(name);
    } catch (caught) {
      setError(errorInfo(caught));
    } finally {
      setBusy(false);
    }
  };
  const nameError = error?.field === 'name' ? errorText(error) : undefined;
  return (
    <form className="folder-form" aria-label={label} onSubmit={(event) => void submit(event)}>
      <TextField
        label={t('name')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
        autoFocus
        error={nameError}
        reserveError
      />
      {children}
      {error && !nameError ? (
        <p role="alert" className="field-error">
          {errorText(error)}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
