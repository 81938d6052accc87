/**
 * The special-use folder (RFC 6154) an action needed and the account lacks. Spam needs Junk,
 * delete needs Trash, a draft needs Drafts, the copy of a sent message needs Sent: the error
 * names which, so the person knows what to create or map on the mail server. The same words as
 * the inbox's folder names (mailbox.folderName), so the UI translates them with one select.
 */
export type MissingFolderRole = 'Sent' | 'Drafts' | 'Junk' | 'Trash';

const ROLE_BY_SPECIAL_USE: Record<string, MissingFolderRole> = {
  '\\Sent': 'Sent',
  '\\Drafts': 'Drafts',
  '\\Junk': 'Junk',
  '\\Trash': 'Trash',
};

/** `\Sent` → `Sent` (undefined for a special use no action needs). */
export function missingFolderRole(specialUse: string): MissingFolderRole | undefined {
  return ROLE_BY_SPECIAL_USE[specialUse];
}

/** The English words the server sends with MAIL_FOLDER_MISSING (the en catalog's MAIL_FOLDER_MISSING_ROLE). */
export function missingFolderMessage(role: MissingFolderRole): string {
  return `This mailbox has no ${role} folder on the mail server.`;
}
