'use client';
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
}: {
  kind: 'imap' | 'smtp';
  passwordOptional?: boolean;
  value: ServerForm;
  onChange: (value: ServerForm) => void;
  fieldError: (field: string) => string | undefined;
}) {
  const title = kind === 'imap' ? 'Incoming mail (IMAP)' : 'Outgoing mail (SMTP)';
  const example = kind === 'imap' ? 'imap.example.com or my.mail.server:993' : 'smtp.example.com or my.mail.server:587';
  return (
    <fieldset className="server-fields">
      <legend>{title}</legend>
      <TextField
        label={`${kind === 'imap' ? 'IMAP' : 'SMTP'} server`}
        placeholder={example}
        required
        value={value.server}
        onChange={(e) => onChange({ ...value, server: e.target.value })}
        error={fieldError(`${kind}.server`) ?? fieldError(`${kind}.host`)}
      />
      <TextField
        label={`${kind === 'imap' ? 'IMAP' : 'SMTP'} username`}
        required
        value={value.username}
        onChange={(e) => onChange({ ...value, username: e.target.value })}
        error={fieldError(`${kind}.username`)}
      />
      <TextField
        label={`${kind === 'imap' ? 'IMAP' : 'SMTP'} password`}
        type="password"
        autoComplete="off"
        required={!passwordOptional}
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.target.value })}
        error={fieldError(`${kind}.password`)}
      />
      <label className="checkbox">
        <input type="checkbox" checked={value.ssl} onChange={(e) => onChange({ ...value, ssl: e.target.checked })} />
        {kind === 'imap' ? 'IMAP' : 'SMTP'} uses SSL
      </label>
    </fieldset>
  );
}
