'use client';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/text-field';
import { errorField, errorMessage } from '../../client/error-message';
import { CREATE_USER } from './users-query';

const EMPTY = { name: '', email: '', password: '', role: 'USER' as 'USER' | 'ADMIN' };

export function CreateUserForm() {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [createUser, { loading }] = useMutation(CREATE_USER);
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setCreated(null);
    try {
      const result = await createUser({ variables: { input: form } });
      setCreated(result.data?.createUser.email ?? form.email);
      setForm(EMPTY);
    } catch (caught) {
      setError({ message: errorMessage(caught), field: errorField(caught) });
    }
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="create-user-title">
      <h2 id="create-user-title">Create user</h2>
      {error && !error.field ? (
        <p role="alert" className="alert">
          {error.message}
        </p>
      ) : null}
      {created ? (
        <p role="status" className="success">
          Created {created}.
        </p>
      ) : null}
      <div className="form-row">
        <TextField
          label="Name"
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={fieldError('name')}
        />
        <TextField
          label="E-mail"
          type="email"
          required
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          error={fieldError('email')}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={fieldError('password')}
        />
        <div className="field">
          <label htmlFor="new-user-role">Role</label>
          <select
            id="new-user-role"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as 'USER' | 'ADMIN' })}
          >
            <option value="USER">User</option>
            <option value="ADMIN">Admin</option>
          </select>
        </div>
      </div>
      <button type="submit" className="button primary" disabled={loading}>
        {loading ? 'Creating…' : 'Create user'}
      </button>
    </form>
  );
}
