'use client';
import { useState } from 'react';
import type { MailAccountView } from './mail-account-queries';

const FOLDER_ORDER = ['\\Inbox', '\\Sent', '\\Drafts', '\\Archive', '\\Junk', '\\Trash'];

/** The connected mailbox: account switcher and folder list (messages arrive with the sync engine). */
export function MailboxOverview({ accounts }: { accounts: MailAccountView[] }) {
  const [selectedId, setSelectedId] = useState(accounts[0]?.id);
  const account = accounts.find((a) => a.id === selectedId) ?? accounts[0]!;
  const folders = [...account.folders].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  return (
    <section className="mailbox" aria-labelledby="inbox-title">
      <aside className="folders">
        <h1 id="inbox-title">Inbox</h1>
        {accounts.length > 1 ? (
          <label className="field">
            <span>Account</span>
            <select value={account.id} onChange={(e) => setSelectedId(e.target.value)}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.email}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="account-email">{account.email}</p>
        )}
        {account.status !== 'CONNECTED' ? (
          <p role="alert" className="alert">
            {account.lastErrorMessage ?? 'This account needs attention.'} <a href="/settings/email">Reconnect</a>
          </p>
        ) : null}
        <nav aria-label="Folders">
          <ul>
            {folders.map((folder) => (
              <li key={folder.id}>{folder.path === 'INBOX' ? 'Inbox' : folder.name}</li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="message-list">
        <p className="muted">Connected to {account.imap.host}. Your mail will appear here as it is imported.</p>
      </div>
    </section>
  );
}

function rank(folder: { path: string; specialUse: string | null }): number {
  if (folder.path.toUpperCase() === 'INBOX') return 0;
  const index = FOLDER_ORDER.indexOf(folder.specialUse ?? '');
  return index < 0 ? 100 : index + 1;
}
