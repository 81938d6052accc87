'use client';
import { useTranslations } from 'next-intl';

/** The special-use folders (RFC 6154) shown by their name in the page's language, as mail clients do. */
const TRANSLATED = new Set(['Sent', 'Drafts', 'Archive', 'Junk', 'Trash']);

/**
 * `(folder) => name to show`: INBOX and the special-use folders in the page's language (a Dutch
 * page shows "Verzonden" whether the server calls it "Sent", "Sent Items" or "Verzonden items");
 * every other folder by the server's own name.
 */
export function useFolderName(): (folder: { path: string; name: string; specialUse: string | null }) => string {
  const t = useTranslations('mailbox');
  return (folder) => {
    const use = folder.path.toUpperCase() === 'INBOX' ? 'Inbox' : (folder.specialUse ?? '').replace(/^\\/, '');
    return t('folderName', { use: use === 'Inbox' || TRANSLATED.has(use) ? use : 'other', name: folder.name });
  };
}
