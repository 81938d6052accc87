'use client';
import { gql } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { LanguageSwitcher } from '../../components/language-switcher';
import { TextField } from '../../components/text-field';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';

const COMPLETE_SETUP = gql`
  mutation CompleteSetup($input: CompleteSetupInput!) {
    completeSetup(input: $input) {
      user {
        id
      }
    }
  }
`;

export default function SetupPage() {
  const [form, setForm] = useState({ tenantName: '', name: '', email: '', password: '' });
  const t = useTranslations('setup');
  const errorText = useErrorText();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [completeSetup, { loading }] = useMutation(COMPLETE_SETUP);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [key]: event.target.value });
  const fieldError = (field: string) => (error && error.field === field ? errorText(error) : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      // The one-time token from the link the server printed (/setup?token=…); not needed on the server's own machine.
      const setupToken = new URLSearchParams(window.location.search).get('token');
      await completeSetup({ variables: { input: setupToken ? { ...form, setupToken } : form } });
      window.location.assign('/inbox');
    } catch (caught) {
      setError(errorInfo(caught));
    }
  }

  return (
    <main className="centered">
      <form className="card" onSubmit={submit} aria-labelledby="setup-title">
        <p className="eyebrow">{t('eyebrow')}</p>
        <h1 id="setup-title">{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
        {error && !error.field ? (
          <p role="alert" className="alert">
            {errorText(error)}
          </p>
        ) : null}
        <TextField
          reserveError
          label={t('organisation')}
          required
          value={form.tenantName}
          onChange={set('tenantName')}
          error={fieldError('tenantName')}
          autoFocus
        />
        <TextField
          reserveError
          label={t('name')}
          autoComplete="name"
          required
          value={form.name}
          onChange={set('name')}
          error={fieldError('name')}
        />
        <TextField
          reserveError
          label={t('email')}
          type="email"
          autoComplete="username"
          required
          value={form.email}
          onChange={set('email')}
          error={fieldError('email')}
        />
        <TextField
          reserveError
          label={t('password')}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={form.password}
          onChange={set('password')}
          error={fieldError('password')}
        />
        <button type="submit" className="button primary" disabled={loading}>
          {loading ? t('submitting') : t('submit')}
        </button>
        <LanguageSwitcher />
      </form>
    </main>
  );
}
