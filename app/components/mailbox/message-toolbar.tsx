'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import type { ErrorInfo } from '../../client/error-message';
import { MoveMenu } from './move-menu';
import { useMessageActions, type RemovedNotice } from './use-message-actions';

export interface FolderChoice {
  id: string;
  path: string;
  name: string;
  specialUse: string | null;
}

/**
 * The reader's actions on the open message: read/unread, flag (a toggle: aria-pressed), Move to…
 * (the account's other folders), Delete, Spam. Opening a message marks it read, once per open
 * and only when it is unread, so "Mark unread" sticks while it stays open (issue 10, Actions).
 */
export function MessageToolbar({
  message,
  folders,
  onRemoved,
  onError,
}: {
  message: { id: string; folderId: string; seen: boolean; flagged: boolean };
  folders: FolderChoice[];
  onRemoved: (notice: RemovedNotice) => void;
  onError: (problem: ErrorInfo) => void;
}) {
  const t = useTranslations('actions');
  const actions = useMessageActions(message, { onRemoved, onError });

  // The reader is keyed by message id, so this runs once per opened message (the ref keeps a
  // development double effect from marking twice). Deferred a tick: Apollo Client 4.3 loses the
  // optimistic cache update of a mutation started while the detail query is still delivering its
  // first result (reproduced with a bare watchQuery: the cache says seen, the watcher never hears).
  const markedOnOpen = useRef(false);
  useEffect(() => {
    if (markedOnOpen.current || message.seen) return;
    const timer = setTimeout(() => {
      markedOnOpen.current = true;
      void actions.setSeen(true);
    }, 0);
    return () => clearTimeout(timer);
  }, [message.id]);

  const targets = folders.filter((f) => f.id !== message.folderId);
  return (
    <div className="message-toolbar" role="toolbar" aria-label={t('toolbarLabel')}>
      <button type="button" className="button" onClick={() => void actions.setSeen(!message.seen)}>
        {message.seen ? t('markUnread') : t('markRead')}
      </button>
      <button
        type="button"
        className="button"
        aria-pressed={message.flagged}
        onClick={() => void actions.setFlagged(!message.flagged)}
      >
        <FlagIcon filled={message.flagged} />
        {t('flag')}
      </button>
      <MoveMenu targets={targets} onMove={(folderId) => void actions.moveTo(folderId)} />
      <button type="button" className="button" onClick={() => void actions.delete()}>
        {t('delete')}
      </button>
      <button type="button" className="button" onClick={() => void actions.markSpam()}>
        {t('spam')}
      </button>
    </div>
  );
}

function FlagIcon({ filled }: { filled: boolean }) {
  return (
    <svg
      aria-hidden="true"
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M5 21V4h11l-1.5 4L16 12H5" />
    </svg>
  );
}
