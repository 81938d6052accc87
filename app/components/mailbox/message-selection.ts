/**
 * Which rows of the list are selected for a bulk action, decided purely (STYLE.md rule 1): the
 * list calls these with the ids in the order shown and keeps the result in client state. The
 * anchor is the row a Shift+click range starts from: the last row clicked, toggled or opened.
 */
export interface MessageSelection {
  ids: ReadonlySet<string>;
  anchor: string | null;
}

export const EMPTY_SELECTION: MessageSelection = { ids: new Set(), anchor: null };

/** Ctrl/Cmd+click or a checkbox: the row goes in or out of the selection and becomes the anchor. */
export function toggleSelected(selection: MessageSelection, id: string): MessageSelection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/**
 * Shift+click: every row from the anchor to `id`, both included, joins the selection (as in
 * Gmail's checkboxes, a range adds; it never drops what was picked before). Without an anchor
 * still on screen it is a plain toggle. The anchor stays, so a second Shift+click re-aims.
 */
export function selectRange(selection: MessageSelection, order: readonly string[], id: string): MessageSelection {
  const from = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  const to = order.indexOf(id);
  if (from < 0 || to < 0) return toggleSelected(selection, id);
  const [start, end] = from <= to ? [from, to] : [to, from];
  const ids = new Set(selection.ids);
  for (const rowId of order.slice(start, end + 1)) ids.add(rowId);
  return { ids, anchor: selection.anchor };
}

/** "Select all": every loaded row, or none when every loaded row already is. */
export function toggleAll(selection: MessageSelection, order: readonly string[]): MessageSelection {
  const all = order.length > 0 && order.every((id) => selection.ids.has(id));
  return { ids: all ? new Set() : new Set(order), anchor: selection.anchor };
}

/** A plain click opens a message: it only moves the anchor. */
export function setAnchor(selection: MessageSelection, id: string): MessageSelection {
  return selection.anchor === id ? selection : { ids: selection.ids, anchor: id };
}

/**
 * After the list reloads: rows that left it (moved, deleted, by this or another client) leave the
 * selection too, so "N selected" and a bulk action only ever count rows the user can see.
 */
export function keepLoaded(selection: MessageSelection, order: readonly string[]): MessageSelection {
  const loaded = new Set(order);
  const ids = [...selection.ids].filter((id) => loaded.has(id));
  const anchor = selection.anchor !== null && loaded.has(selection.anchor) ? selection.anchor : null;
  if (ids.length === selection.ids.size && anchor === selection.anchor) return selection;
  return { ids: new Set(ids), anchor };
}
