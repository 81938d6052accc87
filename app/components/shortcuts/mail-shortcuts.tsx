'use client';
import { skipToken, useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import type { ErrorInfo } from '../../client/error-message';
import { useOpenComposer } from '../compose/use-open-composer';
import { MESSAGE_DETAIL } from '../mailbox/message-detail-query';
import { useMessageActions, type RemovedNotice } from '../mailbox/use-message-actions';
import { answerTarget } from './answer-target';
import {
  checkedRowMessageIds,
  currentRowIndex,
  focusedRowMessageId,
  messageIdOf,
  messageRowLinks,
  searchInput,
} from './message-row-links';
import { ShortcutHelpDialog } from './shortcut-help-dialog';
import { useFocusKeeper } from './use-focus-keeper';
import { useMailShortcuts } from './use-mail-shortcuts';

/**
 * The inbox's keyboard (issue 10, Keyboard): j/k walk the rows on screen and open each in the
 * reader, o/Enter open the row the keyboard is on, u closes the reader and returns to its row,
 * s / Shift+U / # act on the open message through the reader's own actions (the same optimistic
 * updates and Undo), v opens the reader toolbar's Move menu, / goes to the search box, ? shows
 * the help; c writes a new message, r/a/f answer or forward the open one, else the focused or
 * the one ticked row of the list (issue 11); e archives to the CRM (issue 12). Rendered once by the overview; it shows nothing but
 * the help dialog.
 */
export function MailShortcuts({
  messageId,
  onClose,
  onRemoved,
  onError,
}: {
  messageId: string | null;
  /** Close the reader (the overview's select({ message: null })). */
  onClose: () => void;
  onRemoved: (notice: RemovedNotice) => void;
  onError: (problem: ErrorInfo) => void;
}) {
  const [helpOpen, setHelpOpen] = useState(false);
  const backTo = useRef<string | null>(null);
  useFocusKeeper(messageId, backTo);
  const compose = useOpenComposer();
  // The open message as the reader has it (already in the cache: the reader pane loaded it).
  const detail = useQuery(MESSAGE_DETAIL, messageId ? { variables: { id: messageId }, fetchPolicy: 'cache-only' } : skipToken)
    .data?.message;
  const open = detail ?? null;
  const actions = useMessageActions(open ?? { id: '', folderId: '', seen: false, flagged: false }, { onRemoved, onError });

  const openRow = (link: HTMLAnchorElement | undefined) => {
    if (!link) return;
    // Focus first: the row scrolls into view (a virtualized list renders its neighbours), and
    // the next j/k starts from it even while the reader has the page on a phone.
    link.focus();
    // The row's own link does the navigation (the folder list and search results build it).
    if (messageIdOf(link) !== messageId) link.click();
  };
  const step = (by: 1 | -1) => {
    const links = messageRowLinks();
    const at = currentRowIndex(links);
    openRow(at < 0 ? links[0] : links[at + by]);
  };

  const answer = (mode: 'reply' | 'replyAll' | 'forward') => {
    const target = answerTarget(messageId, focusedRowMessageId(), checkedRowMessageIds());
    if (target) compose({ mode, messageId: target });
  };

  useMailShortcuts({
    next: () => step(1),
    previous: () => step(-1),
    open: () => {
      const links = messageRowLinks();
      openRow(links[currentRowIndex(links)] ?? links[0]);
    },
    backToList: () => {
      if (!messageId) return;
      backTo.current = messageId;
      onClose();
    },
    toggleFlag: () => void (open && actions.setFlagged(!open.flagged)),
    markUnread: () => void (open?.seen && actions.setSeen(false)),
    delete: () => void (open && actions.delete()),
    move: openMoveMenu,
    search: () => {
      const input = searchInput();
      input?.focus();
      input?.select();
    },
    help: () => setHelpOpen(true),
    compose: () => compose({ mode: 'new' }),
    // Reply, reply all and forward act on the open message, like s and #; with none open, on
    // the row the keyboard is on, or the one ticked (answer-target.ts).
    reply: () => answer('reply'),
    replyAll: () => answer('replyAll'),
    forward: () => answer('forward'),
    archive: openArchiveDialog,
  });

  return <ShortcutHelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />;
}

/** e: the reader toolbar's Archive button, pressed as a click would (its dialog takes focus). */
function openArchiveDialog() {
  document.querySelector<HTMLButtonElement>('.reader-pane [role="toolbar"] button[data-action="archive"]')?.click();
}

/**
 * The reader toolbar's Move button (a menu button: aria-haspopup, or the older disclosure with
 * aria-expanded), pressed as a click would, then focus on the menu's first folder if the menu did
 * not take it itself.
 */
function openMoveMenu() {
  const toolbar = document.querySelector('.reader-pane [role="toolbar"]');
  const button = toolbar?.querySelector<HTMLButtonElement>('button[aria-haspopup], button[aria-expanded]');
  if (!toolbar || !button) return;
  if (button.getAttribute('aria-expanded') !== 'true') button.click();
  requestAnimationFrame(() => {
    const popupId = button.getAttribute('aria-controls');
    const popup = (popupId && document.getElementById(popupId)) || toolbar.querySelector('[role="menu"]');
    if (!popup || popup.contains(document.activeElement)) return;
    popup.querySelector<HTMLElement>('[role="menuitem"], button')?.focus();
  });
}
