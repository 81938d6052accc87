'use client';
import { useTranslations } from 'next-intl';
import { TextField } from '../text-field';

export interface ServerForm {
  server: string;
  username: string;
  password: string;
  ssl: boolean;
}

/** The four fields of one server on the More settings screen. */
export function ServerFields({
  kind,
  value,
  onChange,
  fieldError,
  passwordOptional = false,
  autoFocus = false,
}: {
  kind: 'imap' | 'smtp';
  passwordOptional?: boolean;
  /** Focus the server field when the screen opens (the first thing to check on More settings). */
  autoFocus?: boolean;
  value: ServerForm;
  onChange: (value: ServerForm) => void;
  fieldError: (field: string) => string | undefined;
}) {
  const t = useTranslations(`serverFields.${kind}`);
  return (
    <fieldset className="server-fields">
      <legend>{t('title')}</legend>
      <TextField
        label={t('server')}
        placeholder={t('example')}
        required
        autoFocus={autoFocus}
        value={value.server}
        onChange={(e) => onChange({ ...value, server: e.target.value })}
        reserveError
        error={fieldError(`${kind}.server`) ?? fieldError(`${kind}.host`)}
      />
      <TextField
        label={t('username')}
        required
        value={value.username}
        onChange={(e) => onChange({ ...value, username: e.target.value })}
        reserveError
        error={fieldError(`${kind}.username`)}
      />
      <TextField
        label={t('password')}
        type="password"
        autoComplete="off"
        required={!passwordOptional}
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.target.value })}
        reserveError
        error={fieldError(`${kind}.password`)}
      />
      <label className="checkbox">
        <input type="checkbox" checked={value.ssl} onChange={(e) => onChange({ ...value, ssl: e.target.checked })} />
        {t('ssl')}
      </label>
    </fieldset>
  );
}
