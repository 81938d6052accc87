'use client';
import { useCallback, useRef, useState } from 'react';
import { EMPTY_SELECTION, keepLoaded, type MessageSelection } from './message-selection';

/**
 * The list's selection for bulk actions: client state, not the URL (a selection is a moment's
 * work, not a place to link to). It belongs to one folder: another folder starts with none, and
 * rows that leave the list leave the selection (keepLoaded).
 */
export function useMessageSelection(
  folderId: string | null,
  order: readonly string[],
): [MessageSelection, (change: (current: MessageSelection) => MessageSelection) => void] {
  const [state, setState] = useState<{ folderId: string | null; selection: MessageSelection }>({
    folderId,
    selection: EMPTY_SELECTION,
  });
  const orderNow = useRef(order);
  orderNow.current = order;
  const selection = state.folderId === folderId ? keepLoaded(state.selection, order) : EMPTY_SELECTION;
  const update = useCallback(
    (change: (current: MessageSelection) => MessageSelection) =>
      setState((prev) => {
        const current = prev.folderId === folderId ? keepLoaded(prev.selection, orderNow.current) : EMPTY_SELECTION;
        return { folderId, selection: change(current) };
      }),
    [folderId],
  );
  return [selection, update];
}
