'use client';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';

interface AdminAccount {
  id: string;
  email: string;
  ownerEmail: string;
  status: string;
  syncState: string;
  lastSyncedAt: string | null;
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
  const { data } = useQuery(ACCOUNTS, { pollInterval: 10_000 });
  return (
    <section className="panel" aria-labelledby="mail-accounts-title">
      <h2 id="mail-accounts-title">Mail accounts</h2>
      {!data ? (
        <p className="muted">Loading…</p>
      ) : data.adminMailAccounts.length === 0 ? (
        <p className="muted">No mailbox is connected in this organisation yet.</p>
      ) : (
        <table aria-labelledby="mail-accounts-title">
          <thead>
            <tr>
              <th scope="col">Mailbox</th>
              <th scope="col">User</th>
              <th scope="col">Sync</th>
              <th scope="col">Last sync</th>
              <th scope="col">Completeness</th>
              <th scope="col">Stored and indexed</th>
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
                    {a.status === 'connected' ? a.syncState : a.status.replace('_', ' ')}
                    {a.lastErrorMessage ? <div className="field-error">{a.lastErrorMessage}</div> : null}
                  </td>
                  <td>{a.lastSyncedAt ? new Date(a.lastSyncedAt).toLocaleString() : '—'}</td>
                  <td title={a.folders.map((f) => `${f.path}: ${f.storedCount}/${f.serverCount ?? '?'}`).join('\n')}>
                    {stored} of {server || '?'} stored
                  </td>
                  <td>
                    {a.store.sourcesStored.toLocaleString()} of {a.store.messages.toLocaleString()} fully imported
                    {a.store.sourcesFailed ? `, ${a.store.sourcesFailed.toLocaleString()} not delivered` : ''};{' '}
                    {a.store.indexed < a.store.sourcesStored + a.store.sourcesFailed
                      ? `indexing: ${a.store.indexed.toLocaleString()} of ${(a.store.sourcesStored + a.store.sourcesFailed).toLocaleString()}`
                      : 'indexed'}
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
