import type { DraftFields, OutboxArchive } from '../../db/schema/index.ts';

/**
 * Whether a save would store what the draft holds already. The composer saves on close whether or
 * not anything changed since the last autosave; a new version would APPEND another copy to Drafts
 * and expunge the last one, and a reader open on that copy (this browser's, another's) would find
 * its message gone under it ("No such message" on Edit draft). Key by key: the stored fields come
 * back from jsonb, whose key order is not the order written.
 */
export function sameDraftFields(stored: DraftFields, next: DraftFields): boolean {
  const keys = new Set([...Object.keys(stored), ...Object.keys(next)] as Array<keyof DraftFields>);
  for (const key of keys) {
    const a: unknown = stored[key] ?? null;
    const b: unknown = next[key] ?? null;
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length || a.some((x, i) => !sameItem(x, b[i]))) return false;
    } else if (a !== b) return false;
  }
  return true;
}

/** List items are ids (attachments) or small objects (inline images: upload id and Content-ID). */
function sameItem(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
  return true;
}

/**
 * Whether two Send-and-archive intents (a draft's, null: none) are the same: a change of only this
 * is kept without a new version in Drafts (save-draft.ts). Compared by value, not by jsonb key order.
 */
export function sameArchiveIntent(stored: OutboxArchive | null, next: OutboxArchive | null): boolean {
  if (!stored || !next) return stored === next;
  return (
    stored.category === next.category &&
    stored.visibility === next.visibility &&
    stored.targets.length === next.targets.length &&
    stored.targets.every((t, i) => t.kind === next.targets[i]!.kind && t.id === next.targets[i]!.id)
  );
}
