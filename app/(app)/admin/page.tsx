'use client';
import { useQuery, useSubscription } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { errorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { CreateUserForm } from './create-user-form';
import { DownloadDaysPanel } from './download-days-panel';
import { MailAccountsPanel } from './mail-accounts-panel';
import { USER_EVENTS, USERS } from './users-query';

/** The admin console: the tenant's users, live (another admin's new user appears without reload). */
export default function AdminPage() {
  const t = useTranslations('admin');
  const errorText = useErrorText();
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
      <h1 id="admin-title">{t('title')}</h1>
      <div className="panel">
        <h2 id="users-title">{t('users.title')}</h2>
        {error ? (
          <p role="alert" className="alert">
            {t('users.loadFailed', { reason: errorText(errorInfo(error)) })}
          </p>
        ) : !data ? (
          <p className="muted" aria-busy="true">
            {t('users.loading')}
          </p>
        ) : (
          <table aria-labelledby="users-title">
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.role')}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((user) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>
                    {user.role === 'ADMIN' ? t('roles.admin') : t('roles.user')}
                    {user.isOperator ? ` · ${t('roles.operator')}` : ''}
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
