'use client';
import { useQuery, useSubscription } from '@apollo/client/react';
import { CreateUserForm } from './create-user-form';
import { DownloadDaysPanel } from './download-days-panel';
import { MailAccountsPanel } from './mail-accounts-panel';
import { USER_EVENTS, USERS } from './users-query';

/** The admin console: the tenant's users, live (another admin's new user appears without reload). */
export default function AdminPage() {
  const { data, error, client } = useQuery(USERS);
  useSubscription(USER_EVENTS, {
    onData: ({ data: event }) => {
      const user = event.data?.userEvents.user;
      if (!user) return;
      client.cache.updateQuery({ query: USERS }, (current) =>
        current && !current.users.some((u) => u.id === user.id) ? { users: [...current.users, user] } : current,
      );
    },
  });

  return (
    <section aria-labelledby="admin-title" className="stack">
      <h1 id="admin-title">Admin console</h1>
      <div className="panel">
        <h2 id="users-title">Users</h2>
        {error ? (
          <p role="alert" className="alert">
            Could not load users: {error.message}
          </p>
        ) : !data ? (
          <p className="muted" aria-busy="true">
            Loading users…
          </p>
        ) : (
          <table aria-labelledby="users-title">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((user) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>
                    {user.role === 'ADMIN' ? 'Admin' : 'User'}
                    {user.isOperator ? ' · Operator' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <CreateUserForm />
      <DownloadDaysPanel />
      <MailAccountsPanel />
    </section>
  );
}
