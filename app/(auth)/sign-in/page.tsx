'use client';
import { gql } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { LanguageSwitcher } from '../../components/language-switcher';
import { TextField } from '../../components/text-field';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
// eslint-disable-next-line no-restricted-imports -- a pure function, no data: the one rule the server's redirect follows too
import { safeNextPath } from '../../../lib/auth/safe-next-path';

const SIGN_IN = gql`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      user {
        id
      }
    }
  }
`;

export default function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const t = useTranslations('signIn');
  const errorText = useErrorText();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [signIn, { loading }] = useMutation(SIGN_IN);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await signIn({ variables: { email, password } });
      // A full load: the server decides the landing page with the new cookie. The same rule as
      // the server's redirect: only a path on this site (issue 8, item 6).
      window.location.assign(safeNextPath(new URLSearchParams(window.location.search).get('next')));
    } catch (caught) {
      setError(errorInfo(caught));
      setPassword('');
    }
  }

  return (
    <main className="centered">
      <form className="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('title')}</h1>
        {error ? (
          <p role="alert" className="alert">
            {errorText(error)}
          </p>
        ) : null}
        <TextField
          label={t('email')}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoFocus
        />
        <TextField
          label={t('password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="button primary" disabled={loading}>
          {loading ? t('submitting') : t('submit')}
        </button>
        <LanguageSwitcher />
      </form>
    </main>
  );
}
