'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ArchiveDialog, type ArchiveAttachmentChoice } from '../archive/archive-dialog';
import type { ErrorInfo } from '../../client/error-message';
import { useOpenComposer } from '../compose/use-open-composer';
import { MoveMenu } from './move-menu';
import { useMarkReadOnOpen } from './use-mark-read-on-open';
import { useMessageActions, type RemovedNotice } from './use-message-actions';

export interface FolderChoice {
  id: string;
  path: string;
  name: string;
  specialUse: string | null;
}

/**
 * The reader's actions on the open message: Reply, Reply all, Forward (the composer), read/unread, flag (a toggle: aria-pressed), Move to…
 * (the account's other folders), Archive to the CRM (issue 12), Delete, Spam. Opening a message marks it read as Local settings
 * say (useMarkReadOnOpen).
 */
export function MessageToolbar({
  message,
  folders,
  onRemoved,
  onError,
}: {
  message: { id: string; folderId: string; seen: boolean; flagged: boolean; attachments?: ArchiveAttachmentChoice[] };
  folders: FolderChoice[];
  onRemoved: (notice: RemovedNotice) => void;
  onError: (problem: ErrorInfo) => void;
}) {
  const t = useTranslations('actions');
  const actions = useMessageActions(message, { onRemoved, onError });
  const compose = useOpenComposer();
  const tArchive = useTranslations('archive');
  const [archiving, setArchiving] = useState(false);

  useMarkReadOnOpen(message, actions.setSeen);

  const targets = folders.filter((f) => f.id !== message.folderId);
  // A message in Drafts (ours, or another client's) can be taken up in the composer.
  const isDraft = folders.find((f) => f.id === message.folderId)?.specialUse === '\\Drafts';
  return (
    <div className="message-toolbar" role="toolbar" aria-label={t('toolbarLabel')}>
      {isDraft ? (
        <button type="button" className="button" onClick={() => compose({ mode: 'draft', messageId: message.id })}>
          {t('editDraft')}
        </button>
      ) : null}
      <button type="button" className="button" onClick={() => compose({ mode: 'reply', messageId: message.id })}>
        {t('reply')}
      </button>
      <button type="button" className="button" onClick={() => compose({ mode: 'replyAll', messageId: message.id })}>
        {t('replyAll')}
      </button>
      <button type="button" className="button" onClick={() => compose({ mode: 'forward', messageId: message.id })}>
        {t('forward')}
      </button>
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
      <button type="button" className="button" data-action="archive" aria-keyshortcuts="e" onClick={() => setArchiving(true)}>
        {tArchive('action')}
      </button>
      <ArchiveDialog
        open={archiving}
        messageIds={[message.id]}
        attachments={message.attachments}
        onClose={() => setArchiving(false)}
      />
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
