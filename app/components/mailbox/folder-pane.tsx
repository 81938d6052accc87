'use client';
import { useMutation } from '@apollo/client/react';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState, type DragEvent } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { DeleteFolderConfirm } from './delete-folder-confirm';
import { droppedMessageIds, MESSAGE_IDS_TYPE } from './dropped-message-ids';
import { FolderActionsMenu } from './folder-actions-menu';
import { CREATE_FOLDER, RENAME_FOLDER } from './folder-mutations';
import { FolderNameForm } from './folder-name-form';
import type { MailAccountView } from './mail-account-queries';
import { MOVE_MESSAGES } from './message-action-mutations';
import { useFolderName } from './use-folder-name';
import type { RemovedNotice } from './use-message-actions';

type FolderView = MailAccountView['folders'][number];

/** What the pane is asking for: nothing, a new folder, or a rename or delete of one folder. */
type Editing = { type: 'none' } | { type: 'create' } | { type: 'rename' | 'delete'; folderId: string };

/**
 * The left pane: the page title, which account is shown, its folders with unread counts, and
 * folder management (New folder; Rename and Delete of user folders: INBOX and the special-use
 * folders are the server's own, RFC 6154). Folder changes are durable actions: the pane changes
 * when the sync has carried them out (FOLDERS_CHANGED refetches the accounts); a refusal shows on
 * the overview's status line. Folders take drops of messages from the list (dropped-message-ids).
 */
export function FolderPane({
  accounts,
  account,
  folders,
  currentFolderId,
  onSelect,
  onMoved,
  onError,
}: {
  accounts: MailAccountView[];
  account: MailAccountView;
  /** The account's folders in display order (sortFolders). */
  folders: FolderView[];
  currentFolderId: string | null;
  onSelect: (accountId: string, folderId: string | null) => void;
  /** Messages dropped on a folder were moved there: the status line offers Undo. */
  onMoved: (notice: RemovedNotice) => void;
  onError: (problem: ErrorInfo) => void;
}) {
  const t = useTranslations('mailbox');
  const tf = useTranslations('folders');
  const format = useFormatter();
  const folderName = useFolderName();
  const [editing, setEditing] = useState<Editing>({ type: 'none' });
  // The folder as it is now (its message count changes while the question is open); a folder
  // that went away meanwhile closes the question.
  const editedFolder = 'folderId' in editing ? folders.find((f) => f.id === editing.folderId) : undefined;
  const [pending, setPending] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [parentId, setParentId] = useState('');
  const [create] = useMutation(CREATE_FOLDER);
  const [rename] = useMutation(RENAME_FOLDER);
  const [move] = useMutation(MOVE_MESSAGES, { refetchQueries: ['FolderMessages'] });

  // "Being created…" lasts until the folders the server lists have changed.
  const folderKey = folders.map((f) => `${f.id}:${f.path}`).join('\n');
  useEffect(() => setPending(null), [folderKey]);

  const done = (text: string) => {
    setEditing({ type: 'none' });
    setPending(text);
  };
  const accepts = (event: DragEvent, folder: FolderView) =>
    folder.id !== currentFolderId && event.dataTransfer.types.includes(MESSAGE_IDS_TYPE);
  const drop = (event: DragEvent, folder: FolderView) => {
    setDropTarget(null);
    if (!accepts(event, folder) || !currentFolderId) return;
    event.preventDefault();
    const ids = droppedMessageIds(event.dataTransfer.getData(MESSAGE_IDS_TYPE));
    if (!ids) return;
    // The list drags rows of the folder it shows, so that is where Undo moves them back to.
    const from = currentFolderId;
    move({ variables: { ids, folderId: folder.id } })
      .then(({ data }) => {
        const to = data?.moveMessages.actions[0]?.targetFolderId ?? folder.id;
        onMoved({ kind: 'move', messageIds: ids, fromFolderId: from, toFolderId: to });
      })
      .catch((error: unknown) => onError(errorInfo(error)));
  };

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
            <li key={f.id} className="folder-row" style={{ paddingInlineStart: `${depth(f) * 0.9}rem` }}>
              <button
                type="button"
                className={dropTarget === f.id ? 'folder-button drop-target' : 'folder-button'}
                aria-current={f.id === currentFolderId ? 'true' : undefined}
                onClick={() => onSelect(account.id, f.id)}
                onDragOver={(event) => {
                  if (!accepts(event, f)) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = 'move';
                  setDropTarget(f.id);
                }}
                onDragLeave={() => setDropTarget((current) => (current === f.id ? null : current))}
                onDrop={(event) => drop(event, f)}
              >
                <span id={`folder-name-${f.id}`}>{folderName(f)}</span>
                {f.unreadCount ? (
                  <span className="count" aria-label={t('unread', { count: f.unreadCount })}>
                    {format.number(f.unreadCount)}
                  </span>
                ) : null}
              </button>
              {isProtected(f) ? null : (
                <FolderActionsMenu
                  folderLabel={folderName(f)}
                  describedBy={`folder-name-${f.id}`}
                  onRename={() => setEditing({ type: 'rename', folderId: f.id })}
                  onDelete={() => setEditing({ type: 'delete', folderId: f.id })}
                />
              )}
            </li>
          ))}
        </ul>
      </nav>
      {pending ? (
        <p role="status" className="muted">
          {pending}
        </p>
      ) : null}
      {editing.type === 'create' ? (
        <FolderNameForm
          label={tf('newFolder')}
          submitLabel={tf('create')}
          onCancel={() => setEditing({ type: 'none' })}
          onSubmit={async (name) => {
            await create({ variables: { accountId: account.id, name, parentId: parentId || null } });
            done(tf('creating', { name: name.trim() }));
          }}
        >
          <label className="field">
            <span>{tf('parent')}</span>
            <select value={parentId} onChange={(event) => setParentId(event.target.value)}>
              <option value="">{tf('topLevel')}</option>
              {folders
                .filter((f) => f.delimiter)
                .map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.path}
                  </option>
                ))}
            </select>
          </label>
        </FolderNameForm>
      ) : editing.type === 'rename' && editedFolder ? (
        <FolderNameForm
          key={editedFolder.id}
          label={tf('renameFolder', { folder: folderName(editedFolder) })}
          submitLabel={tf('rename')}
          initialName={editedFolder.name}
          onCancel={() => setEditing({ type: 'none' })}
          onSubmit={async (name) => {
            await rename({ variables: { folderId: editedFolder.id, name } });
            done(tf('renaming', { name: name.trim() }));
          }}
        />
      ) : editing.type === 'delete' && editedFolder ? (
        <DeleteFolderConfirm
          key={editedFolder.id}
          folder={editedFolder}
          label={folderName(editedFolder)}
          onDeleted={() => {
            if (editedFolder.id === currentFolderId) onSelect(account.id, null);
            done(tf('deleting', { name: folderName(editedFolder) }));
          }}
          onCancel={() => setEditing({ type: 'none' })}
        />
      ) : (
        <button type="button" className="button" onClick={() => setEditing({ type: 'create' })}>
          {tf('newFolder')}
        </button>
      )}
    </aside>
  );
}

/** INBOX and the special-use folders (RFC 6154) are the mail server's: never renamed or deleted here. */
function isProtected(folder: FolderView): boolean {
  return folder.path.toUpperCase() === 'INBOX' || folder.specialUse !== null;
}

/** How deep a folder sits: the parts of its path (split at the server's delimiter) above it. */
function depth(folder: FolderView): number {
  return folder.delimiter ? folder.path.split(folder.delimiter).length - 1 : 0;
}
