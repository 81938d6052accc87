/** A folder with sources to fetch, as the sweep sees it (db/queries/pending-sources.ts). */
export interface BackfillFolder {
  path: string;
  specialUse: string | null;
  pending: number;
}

/** Inbox first, then Sent (what a salesperson opens); Junk and Trash last. */
const RANK: Record<string, number> = { '\\Sent': 1, '\\Junk': 8, '\\Trash': 9 };

/**
 * The order the background sweep fetches missing sources in (backfill-sources.ts): by rank as
 * the import orders folders (order-folders.ts), and within a rank the folder with fewer missing
 * first, so the most folders are complete soonest.
 */
export function orderBackfill<T extends BackfillFolder>(folders: readonly T[]): T[] {
  const rank = (f: T) => (f.path.toUpperCase() === 'INBOX' ? 0 : (RANK[f.specialUse ?? ''] ?? 5));
  return [...folders].sort((a, b) => rank(a) - rank(b) || a.pending - b.pending || a.path.localeCompare(b.path));
}
