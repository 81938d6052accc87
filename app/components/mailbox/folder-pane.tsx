'use client';
import { useFormatter, useTranslations } from 'next-intl';
import type { MailAccountView } from './mail-account-queries';
import { useFolderName } from './use-folder-name';

type FolderView = MailAccountView['folders'][number];

/**
 * The left pane: the page title, which account is shown, and its folders with unread counts.
 * Selecting a folder or account goes through `onSelect` (the overview keeps it in the URL).
 */
export function FolderPane({
  accounts,
  account,
  folders,
  currentFolderId,
  onSelect,
}: {
  accounts: MailAccountView[];
  account: MailAccountView;
  /** The account's folders in display order (sortFolders). */
  folders: FolderView[];
  currentFolderId: string | null;
  onSelect: (accountId: string, folderId: string | null) => void;
}) {
  const t = useTranslations('mailbox');
  const format = useFormatter();
  const folderName = useFolderName();
  return (
    <aside className="folders">
      <h1 id="inbox-title">{t('title')}</h1>
      {accounts.length > 1 ? (
        <label className="field">
          <span>{t('account')}</span>
          <select value={account.id} onChange={(e) => onSelect(e.target.value, null)}>
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
      <nav aria-label={t('folders')}>
        <ul>
          {folders.map((f) => (
            <li key={f.id}>
              <button
                type="button"
                aria-current={f.id === currentFolderId ? 'true' : undefined}
                onClick={() => onSelect(account.id, f.id)}
              >
                <span>{folderName(f)}</span>
                {f.unreadCount ? (
                  <span className="count" aria-label={t('unread', { count: f.unreadCount })}>
                    {format.number(f.unreadCount)}
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
