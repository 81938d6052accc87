'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useState, type DragEvent } from 'react';
import { droppedMessageIds, MESSAGE_IDS_TYPE } from './dropped-message-ids';
import { FolderActionsMenu } from './folder-actions-menu';
import type { MailAccountView } from './mail-account-queries';
import { useFolderName } from './use-folder-name';

export type FolderView = MailAccountView['folders'][number];

/**
 * One account's folders: a button each (with its unread count, indented by nesting), the
 * "Folder actions" menu on user folders, and drops of messages from the list where `canDrop`.
 */
export function FolderList({
  id,
  labelledBy,
  folders,
  currentFolderId,
  canDrop,
  onSelect,
  onDrop,
  onRename,
  onDelete,
}: {
  id?: string;
  /** The account heading naming this list, when there are several. */
  labelledBy?: string;
  /** In display order (sortFolders). */
  folders: FolderView[];
  currentFolderId: string | null;
  canDrop: (folder: FolderView) => boolean;
  onSelect: (folder: FolderView) => void;
  onDrop: (folder: FolderView, messageIds: string[]) => void;
  onRename: (folder: FolderView) => void;
  onDelete: (folder: FolderView) => void;
}) {
  const t = useTranslations('mailbox');
  const format = useFormatter();
  const folderName = useFolderName();
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const accepts = (event: DragEvent, folder: FolderView) =>
    canDrop(folder) && event.dataTransfer.types.includes(MESSAGE_IDS_TYPE);
  const drop = (event: DragEvent, folder: FolderView) => {
    setDropTarget(null);
    if (!accepts(event, folder)) return;
    event.preventDefault();
    const ids = droppedMessageIds(event.dataTransfer.getData(MESSAGE_IDS_TYPE));
    if (ids) onDrop(folder, ids);
  };
  return (
    <ul id={id} aria-labelledby={labelledBy}>
      {folders.map((f) => (
        <li key={f.id} className="folder-row" style={{ paddingInlineStart: `${depth(f) * 0.9}rem` }}>
          <button
            type="button"
            className={dropTarget === f.id ? 'folder-button drop-target' : 'folder-button'}
            aria-current={f.id === currentFolderId ? 'true' : undefined}
            onClick={() => onSelect(f)}
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
            <FolderActionsMenu describedBy={`folder-name-${f.id}`} onRename={() => onRename(f)} onDelete={() => onDelete(f)} />
          )}
        </li>
      ))}
    </ul>
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
