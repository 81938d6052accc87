'use client';
import { gql } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/text-field';
import { errorField, errorMessage } from '../../client/error-message';

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
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [completeSetup, { loading }] = useMutation(COMPLETE_SETUP);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [key]: event.target.value });
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      // The one-time token from the link the server printed (/setup?token=…); not needed on the server's own machine.
      const setupToken = new URLSearchParams(window.location.search).get('token');
      await completeSetup({ variables: { input: setupToken ? { ...form, setupToken } : form } });
      window.location.assign('/inbox');
    } catch (caught) {
      setError({ message: errorMessage(caught), field: errorField(caught) });
    }
  }

  return (
    <main className="centered">
      <form className="card" onSubmit={submit} aria-labelledby="setup-title">
        <p className="eyebrow">First run</p>
        <h1 id="setup-title">Set up CRM Inbox</h1>
        <p className="muted">Create your organisation and its first administrator. You can add colleagues afterwards.</p>
        {error && !error.field ? (
          <p role="alert" className="alert">
            {error.message}
          </p>
        ) : null}
        <TextField
          label="Organisation"
          required
          value={form.tenantName}
          onChange={set('tenantName')}
          error={fieldError('tenantName')}
          autoFocus
        />
        <TextField
          label="Your name"
          autoComplete="name"
          required
          value={form.name}
          onChange={set('name')}
          error={fieldError('name')}
        />
        <TextField
          label="E-mail"
          type="email"
          autoComplete="username"
          required
          value={form.email}
          onChange={set('email')}
          error={fieldError('email')}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={form.password}
          onChange={set('password')}
          error={fieldError('password')}
        />
        <button type="submit" className="button primary" disabled={loading}>
          {loading ? 'Creating…' : 'Create organisation'}
        </button>
      </form>
    </main>
  );
}
