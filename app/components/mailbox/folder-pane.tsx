'use client';
import { useMutation } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { DeleteFolderConfirm } from './delete-folder-confirm';
import { OUTBOX_FOLDER, OutboxEntry } from '../compose/outbox-entry';
import { FolderList, type FolderView } from './folder-list';
import { CREATE_FOLDER, RENAME_FOLDER } from './folder-mutations';
import { FolderNameForm } from './folder-name-form';
import { sortFolders } from './folder-order';
import type { MailAccountView } from './mail-account-queries';
import { MOVE_MESSAGES } from './message-action-mutations';
import { useFolderName } from './use-folder-name';
import type { RemovedNotice } from './use-message-actions';

/** What the pane is asking for: nothing, a new folder, or a rename or delete of one folder. */
type Editing = { type: 'none' } | { type: 'create' } | { type: 'rename' | 'delete'; folderId: string };

/**
 * The left pane: the folders of all the user's accounts (issue 10: one group per account, which
 * can be folded, when there are several), with unread counts, and folder management (New folder
 * in the selected account; Rename and Delete of user folders). Folder changes are durable
 * actions: the pane changes when the sync has carried them out (FOLDERS_CHANGED refetches the
 * accounts); a refusal shows on the overview's status line. The selected account's folders take
 * drops of messages from the list (a move stays within one mailbox).
 */
export function FolderPane({
  accounts,
  account,
  currentFolderId,
  onSelect,
  onMoved,
  onError,
}: {
  accounts: MailAccountView[];
  /** The selected account. */
  account: MailAccountView;
  currentFolderId: string | null;
  onSelect: (accountId: string, folderId: string | null) => void;
  /** Messages dropped on a folder were moved there: the status line offers Undo. */
  onMoved: (notice: RemovedNotice) => void;
  onError: (problem: ErrorInfo) => void;
}) {
  const t = useTranslations('mailbox');
  const tf = useTranslations('folders');
  const folderName = useFolderName();
  const [editing, setEditing] = useState<Editing>({ type: 'none' });
  const [pending, setPending] = useState<string | null>(null);
  const [parentId, setParentId] = useState('');
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const [create] = useMutation(CREATE_FOLDER);
  const [rename] = useMutation(RENAME_FOLDER);
  const [move] = useMutation(MOVE_MESSAGES, { refetchQueries: ['FolderMessages'] });

  const owner = (folderId: string) => accounts.find((a) => a.folders.some((f) => f.id === folderId));
  // The folder as it is now (its message count changes while the question is open); a folder
  // that went away meanwhile closes the question.
  const editedFolder =
    'folderId' in editing ? owner(editing.folderId)?.folders.find((f) => f.id === editing.folderId) : undefined;

  // "Being created…" lasts until the folders the server lists have changed.
  const folderKey = accounts.flatMap((a) => a.folders.map((f) => `${f.id}:${f.path}`)).join('\n');
  useEffect(() => setPending(null), [folderKey]);

  const done = (text: string) => {
    setEditing({ type: 'none' });
    setPending(text);
  };
  const drop = (folder: FolderView, ids: string[]) => {
    // The list drags rows of the folder it shows, so that is where Undo moves them back to.
    const from = currentFolderId!;
    move({ variables: { ids, folderId: folder.id } })
      .then(({ data }) => {
        const to = data?.moveMessages.actions[0]?.targetFolderId ?? folder.id;
        onMoved({ kind: 'move', messageIds: ids, fromFolderId: from, toFolderId: to });
      })
      .catch((error: unknown) => onError(errorInfo(error)));
  };
  const list = (a: MailAccountView, group?: { id: string; labelledBy: string }) => (
    <FolderList
      id={group?.id}
      labelledBy={group?.labelledBy}
      folders={sortFolders(a.folders)}
      currentFolderId={a.id === account.id ? currentFolderId : null}
      canDrop={(f) => a.id === account.id && currentFolderId !== null && f.id !== currentFolderId}
      onSelect={(f) => onSelect(a.id, f.id)}
      onDrop={drop}
      onRename={(f) => setEditing({ type: 'rename', folderId: f.id })}
      onDelete={(f) => setEditing({ type: 'delete', folderId: f.id })}
    />
  );

  return (
    <aside className="folders">
      <h1 id="inbox-title">{t('title')}</h1>
      <OutboxEntry current={currentFolderId === OUTBOX_FOLDER} onOpen={() => onSelect(account.id, OUTBOX_FOLDER)} />
      {accounts.length > 1 ? (
        <nav aria-label={t('folders')}>
          {accounts.map((a) => {
            const open = !folded.has(a.id);
            const unread = a.folders.reduce((sum, f) => sum + f.unreadCount, 0);
            return (
              <div key={a.id} className="account-group">
                <h2>
                  <button
                    type="button"
                    id={`account-${a.id}`}
                    className="account-toggle"
                    aria-expanded={open}
                    aria-controls={`folders-${a.id}`}
                    onClick={() => setFolded(toggled(folded, a.id))}
                  >
                    <svg
                      aria-hidden="true"
                      width="12"
                      height="12"
                      viewBox="0 0 24 24"
                      fill="none"
                      stroke="currentColor"
                      strokeWidth="3"
                    >
                      <path d={open ? 'm6 9 6 6 6-6' : 'm9 6 6 6-6 6'} />
                    </svg>
                    <span>{a.email}</span>
                    {!open && unread ? <span className="muted">{t('unread', { count: unread })}</span> : null}
                  </button>
                </h2>
                {open ? list(a, { id: `folders-${a.id}`, labelledBy: `account-${a.id}` }) : null}
              </div>
            );
          })}
        </nav>
      ) : (
        <>
          <p className="account-email">{account.email}</p>
          <nav aria-label={t('folders')}>{list(account)}</nav>
        </>
      )}
      {pending ? (
        <p role="status" className="muted">
          {pending}
        </p>
      ) : null}
      {editing.type === 'create' ? (
        <FolderNameForm
          label={accounts.length > 1 ? tf('newFolderIn', { account: account.email }) : tf('newFolder')}
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
              {sortFolders(account.folders)
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

function toggled(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}
