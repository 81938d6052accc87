/** Special-use folders first, in the order mail clients show them (RFC 6154), then the rest by path. */
const FOLDER_ORDER = ['\\Inbox', '\\Sent', '\\Drafts', '\\Archive', '\\Junk', '\\Trash'];

export function sortFolders<F extends { path: string; specialUse: string | null }>(folders: readonly F[]): F[] {
  return [...folders].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

function rank(folder: { path: string; specialUse: string | null }): number {
  if (folder.path.toUpperCase() === 'INBOX') return 0;
  const index = FOLDER_ORDER.indexOf(folder.specialUse ?? '');
  return index < 0 ? 100 : index + 1;
}
