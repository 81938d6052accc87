/** A folder as LIST reports it (imapflow's ListResponse, the parts we use). */
export interface ListedFolder {
  path: string;
  name: string;
  flags: Set<string>;
  /** RFC 6154 special use; imapflow adds `\Inbox` for INBOX. */
  specialUse?: string;
}

/**
 * Special-use folders that hold no messages of their own: Gmail's `\All` ("All Mail") and
 * `\Flagged` ("Starred") are views over the other folders, and syncing them would store every
 * message twice (RFC 6154 §2).
 */
const VIRTUAL = new Set(['\\All', '\\Flagged']);

/** Inbox first, then Sent (the two a salesperson looks at), then the rest; Junk and Trash last. */
const RANK: Record<string, number> = { '\\Inbox': 0, '\\Sent': 1, '\\Drafts': 3, '\\Archive': 3, '\\Junk': 8, '\\Trash': 9 };

/**
 * The folders to sync, in the order to import them. Folders that cannot be selected
 * (`\Noselect`, RFC 3501 §7.2.2; `\NonExistent`, RFC 5258) are only hierarchy nodes.
 */
export function orderFoldersForSync<T extends ListedFolder>(folders: readonly T[]): T[] {
  const selectable = folders.filter(
    (f) => !f.flags.has('\\Noselect') && !f.flags.has('\\NonExistent') && !(f.specialUse && VIRTUAL.has(f.specialUse)),
  );
  const rank = (f: T) => (f.path.toUpperCase() === 'INBOX' ? 0 : (RANK[f.specialUse ?? ''] ?? 5));
  return selectable.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}
