'use client';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useFormatter, useTranslations } from 'next-intl';
import { useErrorText } from '../../client/use-error-text';

interface AdminAccount {
  id: string;
  email: string;
  ownerEmail: string;
  status: string;
  syncState: string;
  lastSyncedAt: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  folders: Array<{ path: string; serverCount: number | null; storedCount: number }>;
  store: { messages: number; sourcesStored: number; sourcesPending: number; sourcesFailed: number; indexed: number };
}

const ACCOUNTS: TypedDocumentNode<{ adminMailAccounts: AdminAccount[] }> = gql`
  query AdminMailAccounts {
    adminMailAccounts {
      id
      email
      ownerEmail
      status
      syncState
      lastSyncedAt
      lastErrorCode
      lastErrorMessage
      folders {
        path
        serverCount
        storedCount
      }
      store {
        messages
        sourcesStored
        sourcesPending
        sourcesFailed
        indexed
      }
    }
  }
`;

/** Accounts overview: sync state, last sync, last error, and completeness (server vs stored within the window). */
export function MailAccountsPanel() {
  const t = useTranslations('admin.mailAccounts');
  const format = useFormatter();
  const errorText = useErrorText();
  const { data } = useQuery(ACCOUNTS, { pollInterval: 10_000 });
  return (
    <section className="panel" aria-labelledby="mail-accounts-title">
      <h2 id="mail-accounts-title">{t('title')}</h2>
      {!data ? (
        <p className="muted">{t('loading')}</p>
      ) : data.adminMailAccounts.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <table aria-labelledby="mail-accounts-title">
          <thead>
            <tr>
              <th scope="col">{t('mailbox')}</th>
              <th scope="col">{t('user')}</th>
              <th scope="col">{t('sync')}</th>
              <th scope="col">{t('lastSync')}</th>
              <th scope="col">{t('completeness')}</th>
              <th scope="col">{t('storedAndIndexed')}</th>
            </tr>
          </thead>
          <tbody>
            {data.adminMailAccounts.map((a) => {
              const server = a.folders.reduce((n, f) => n + (f.serverCount ?? 0), 0);
              const stored = a.folders.reduce((n, f) => n + f.storedCount, 0);
              return (
                <tr key={a.id}>
                  <td>{a.email}</td>
                  <td>{a.ownerEmail}</td>
                  <td>
                    {/* db/schema/mail-accounts.ts: a state the catalog does not know yet is shown as the server says it. */}
                    {a.status === 'connected' ? t('syncState', { state: a.syncState }) : t('status', { status: a.status })}
                    {a.lastErrorMessage ? (
                      <div className="field-error">
                        {errorText({ code: a.lastErrorCode ?? 'INTERNAL', message: a.lastErrorMessage })}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {a.lastSyncedAt
                      ? format.dateTime(new Date(a.lastSyncedAt), { dateStyle: 'medium', timeStyle: 'short' })
                      : '—'}
                  </td>
                  <td title={a.folders.map((f) => `${f.path}: ${f.storedCount}/${f.serverCount ?? '?'}`).join('\n')}>
                    {server ? t('storedOf', { stored, server }) : t('storedOfUnknown', { stored })}
                  </td>
                  <td>
                    {t('imported', { stored: a.store.sourcesStored, messages: a.store.messages, failed: a.store.sourcesFailed })}{' '}
                    {a.store.indexed < a.store.sourcesStored + a.store.sourcesFailed
                      ? t('indexing', { indexed: a.store.indexed, total: a.store.sourcesStored + a.store.sourcesFailed })
                      : t('indexed')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
