'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ArchiveDialog } from '../archive/archive-dialog';
import type { ErrorInfo } from '../../client/error-message';
import type { MessageRow } from './message-queries';
import type { FolderChoice } from './message-toolbar';
import { MoveMenu } from './move-menu';
import type { FolderMessages } from './use-folder-messages';
import { useMailActions, type RemovedNotice } from './use-mail-actions';

/** What the list needs to act on its rows: the folder shown, where mail can go, what to say after. */
export interface BulkContext {
  folderId: string;
  folders: FolderChoice[];
  onRemoved: (notice: RemovedNotice) => void;
  onError: (problem: ErrorInfo) => void;
}

/**
 * Actions on the selected rows, shown while at least one is selected. Read and flag show at once
 * (the rows are patched, and reloaded from the server if it refuses); move, delete and spam
 * report through the status line with Undo (ActionStatus), and the list reloads without them.
 */
export function BulkToolbar({
  selected,
  list,
  context,
  onDone,
}: {
  selected: MessageRow[];
  list: FolderMessages;
  context: BulkContext;
  onDone: () => void;
}) {
  const t = useTranslations('actions');
  const { folderId, folders, onRemoved, onError } = context;
  const actions = useMailActions({ onRemoved, onError });
  const ids = selected.map((m) => m.id);
  const tArchive = useTranslations('archive');
  const [archiving, setArchiving] = useState<string[] | null>(null);

  const mark = (change: { seen: boolean } | { flagged: boolean }) => {
    list.patch(ids, change);
    const done = 'seen' in change ? actions.setSeen(selected, change.seen) : actions.setFlagged(selected, change.flagged);
    void done.then((ok) => ok || list.refresh());
  };
  const remove = (act: Promise<boolean>) => {
    onDone();
    void act.then(() => list.refresh());
  };

  return (
    <div className="bulk-toolbar" role="toolbar" aria-label={t('bulkLabel')}>
      <span className="bulk-count" aria-live="polite">
        {t('selectedCount', { count: ids.length })}
      </span>
      <button type="button" className="button" onClick={() => mark({ seen: true })}>
        {t('markRead')}
      </button>
      <button type="button" className="button" onClick={() => mark({ seen: false })}>
        {t('markUnread')}
      </button>
      <button type="button" className="button" onClick={() => mark({ flagged: true })}>
        {t('flag')}
      </button>
      <button type="button" className="button" onClick={() => mark({ flagged: false })}>
        {t('unflag')}
      </button>
      <MoveMenu
        targets={folders.filter((f) => f.id !== folderId)}
        onMove={(target) => remove(actions.moveTo(ids, folderId, target))}
      />
      <button type="button" className="button" onClick={() => setArchiving(ids)}>
        {tArchive('action')}
      </button>
      <ArchiveDialog open={archiving !== null} messageIds={archiving ?? []} onClose={() => setArchiving(null)} />
      <button type="button" className="button" onClick={() => remove(actions.delete(ids, folderId))}>
        {t('delete')}
      </button>
      <button type="button" className="button" onClick={() => remove(actions.markSpam(ids, folderId))}>
        {t('spam')}
      </button>
      <button type="button" className="button" onClick={onDone}>
        {t('clearSelection')}
      </button>
    </div>
  );
}
