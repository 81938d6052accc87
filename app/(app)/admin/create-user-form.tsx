'use client';
import { useMutation } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/text-field';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { CREATE_USER } from './users-query';

const EMPTY = { name: '', email: '', password: '', role: 'USER' as 'USER' | 'ADMIN' };

export function CreateUserForm() {
  const [form, setForm] = useState(EMPTY);
  const t = useTranslations('admin');
  const errorText = useErrorText();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [createUser, { loading }] = useMutation(CREATE_USER);
  const fieldError = (field: string) => (error && error.field === field ? errorText(error) : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setCreated(null);
    try {
      const result = await createUser({ variables: { input: form } });
      setCreated(result.data?.createUser.email ?? form.email);
      setForm(EMPTY);
    } catch (caught) {
      setError(errorInfo(caught));
    }
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('createUser.title')}</h2>
      {error && !error.field ? (
        <p role="alert" className="alert">
          {errorText(error)}
        </p>
      ) : null}
      {created ? (
        <p role="status" className="success">
          {t('createUser.created', { email: created })}
        </p>
      ) : null}
      <div className="form-row">
        <TextField
          reserveError
          label={t('users.name')}
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={fieldError('name')}
        />
        <TextField
          reserveError
          label={t('users.email')}
          type="email"
          required
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          error={fieldError('email')}
        />
        <TextField
          reserveError
          label={t('createUser.password')}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={fieldError('password')}
        />
        <div className="field">
          <label htmlFor="new-user-role">{t('users.role')}</label>
          <select
            id="new-user-role"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as 'USER' | 'ADMIN' })}
          >
            <option value="USER">{t('roles.user')}</option>
            <option value="ADMIN">{t('roles.admin')}</option>
          </select>
        </div>
      </div>
      <button type="submit" className="button primary" disabled={loading}>
        {loading ? t('createUser.submitting') : t('createUser.submit')}
      </button>
    </form>
  );
}
