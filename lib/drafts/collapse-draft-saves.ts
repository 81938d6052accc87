/**
 * Which queued `save_draft` actions need no IMAP work (issue 11: several saves queued before the
 * runner gets to them collapse to the last). Every save appends the draft as it is *now*, so of
 * the open saves of one draft only the newest has anything to do; the earlier ones are done as
 * they stand. A `discard_draft` queued after saves makes those saves moot too (the draft is gone);
 * the discard itself always runs, since a copy may already be on the server.
 */
export function supersededDraftActions(open: ReadonlyArray<{ id: string; kind: string; draftId: string | null }>): string[] {
  const last = new Map<string, number>();
  open.forEach((action, index) => {
    if (action.draftId && (action.kind === 'save_draft' || action.kind === 'discard_draft')) last.set(action.draftId, index);
  });
  return open.flatMap((action, index) =>
    action.kind === 'save_draft' && action.draftId && last.get(action.draftId)! > index ? [action.id] : [],
  );
}
