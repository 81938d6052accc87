'use client';
import { gql } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/text-field';
import { errorMessage } from '../../client/error-message';
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
  const [error, setError] = useState<string | null>(null);
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
      setError(errorMessage(caught));
      setPassword('');
    }
  }

  return (
    <main className="centered">
      <form className="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to CRM Inbox</h1>
        {error ? (
          <p role="alert" className="alert">
            {error}
          </p>
        ) : null}
        <TextField
          label="E-mail"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoFocus
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="button primary" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
