import type { FolderActionKind } from '../../db/schema/mail-actions.ts';
import { AppError } from '../errors.ts';

/** What the API asks for (graphql/mail-folders.ts), one call of a mutation. */
export type FolderActionRequest =
  | { type: 'create'; accountId: string; name: string; parentId: string | null }
  | { type: 'rename'; folderId: string; name: string }
  | { type: 'delete'; folderId: string };

/** A folder of the account as stored (mail_folders), with what is in it. */
export interface KnownFolder {
  id: string;
  path: string;
  specialUse: string | null;
  delimiter: string | null;
  /** Messages stored and not already on their way out (hidden by a pending move or delete). */
  messages: number;
}

export interface PlannedFolderAction {
  kind: FolderActionKind;
  /** rename/delete: the folder acted on; create: null. */
  targetFolderId: string | null;
  /** create: the new path; rename: the path after it; delete: null. */
  folderPath: string | null;
}

/**
 * The longest folder name accepted (one level, not the path). IMAP sets no limit; Maildir++
 * (Dovecot's and Courier's default layout) keeps the whole path in one directory name of at most
 * 255 bytes, so a longer name would only be refused by the server later.
 */
export const MAX_FOLDER_NAME_LENGTH = 200;

/**
 * Delimiters assumed while the server's is not known yet (a folder row from before it was kept):
 * the two servers use (RFC 3501 §5.1.1 leaves it to them).
 */
const USUAL_DELIMITERS = ['/', '.'];

/**
 * Checks and normalises one level of a folder name (trimmed, Unicode NFC, so that the same name
 * typed twice is the same path). Refused: empty; longer than MAX_FOLDER_NAME_LENGTH; the
 * hierarchy delimiter (it would make a path of several levels, creating parents on the way);
 * the LIST wildcards `*` and `%` (RFC 3501 §5.1: such a folder cannot be listed reliably);
 * control characters; INBOX at the top level (RFC 3501 §5.1: that name is the inbox, in any case).
 */
export function validateFolderName(raw: string, delimiter: string | null, topLevel: boolean): string {
  const name = raw.normalize('NFC').trim();
  const refuse = (message: string) => new AppError('BAD_USER_INPUT', { field: 'name', message });
  if (!name) throw refuse('A folder needs a name.');
  if (name.length > MAX_FOLDER_NAME_LENGTH) throw refuse(`A folder name is at most ${MAX_FOLDER_NAME_LENGTH} characters.`);
  for (const d of delimiter ? [delimiter] : USUAL_DELIMITERS)
    if (name.includes(d)) throw refuse(`A folder name cannot contain “${d}” (it separates folders on this server).`);
  if (/[*%]/.test(name)) throw refuse('A folder name cannot contain “*” or “%”.');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) throw refuse('A folder name cannot contain control characters.');
  if (topLevel && name.toUpperCase() === 'INBOX') throw refuse('“INBOX” is the name of the inbox.');
  return name;
}

const isInbox = (f: KnownFolder) => f.path.toUpperCase() === 'INBOX' || f.specialUse?.toLowerCase() === '\\inbox';

/**
 * Turns a request into the action to store, purely: `folders` are all of the account's folders,
 * `target` the one named by the request (the parent for a create). The caller has checked the
 * account and the folder are the viewer's.
 *
 * - create: under the parent (its path + its delimiter) or at the top level; not a path that exists.
 * - rename: one level, within the same parent (RENAME carries the subfolders along).
 * - rename and delete: never INBOX, a special-use folder (RFC 6154), or a folder holding one.
 * - delete: only an empty folder without subfolders (IMAP DELETE removes the messages on most
 *   servers; RFC 3501 §6.3.4 leaves subfolders to the server). The runner checks the server's
 *   count again before the DELETE: mail outside the import window is not stored here.
 */
export function planFolderAction(
  request: FolderActionRequest,
  folders: KnownFolder[],
  target: KnownFolder | null,
): PlannedFolderAction {
  const delimiterOf = (f: KnownFolder | null) => f?.delimiter ?? folders.find(isInbox)?.delimiter ?? null;
  const exists = (path: string, except?: string) => folders.some((f) => f.path === path && f.id !== except);
  const children = (f: KnownFolder) => {
    const d = delimiterOf(f);
    return d ? folders.filter((c) => c.path.startsWith(f.path + d)) : [];
  };
  const protect = (f: KnownFolder) => {
    if (isInbox(f) || f.specialUse || children(f).some((c) => isInbox(c) || c.specialUse))
      throw new AppError('MAIL_FOLDER_PROTECTED', { field: 'folderId' });
  };
  const taken = () => new AppError('MAIL_FOLDER_EXISTS', { field: 'name' });

  switch (request.type) {
    case 'create': {
      const delimiter = delimiterOf(target);
      if (target && !delimiter)
        throw new AppError('BAD_USER_INPUT', { field: 'parentId', message: 'This mail server has no subfolders.' });
      const name = validateFolderName(request.name, delimiter, !target);
      const path = target ? `${target.path}${delimiter}${name}` : name;
      if (exists(path)) throw taken();
      return { kind: 'create_folder', targetFolderId: null, folderPath: path };
    }
    case 'rename': {
      if (!target) throw new AppError('NOT_FOUND', { field: 'folderId', message: 'No such folder.' });
      protect(target);
      const delimiter = delimiterOf(target);
      const cut = delimiter ? target.path.lastIndexOf(delimiter) : -1;
      const name = validateFolderName(request.name, delimiter, cut < 0);
      const path = cut < 0 ? name : `${target.path.slice(0, cut + 1)}${name}`;
      if (path === target.path)
        throw new AppError('BAD_USER_INPUT', { field: 'name', message: 'The folder already has this name.' });
      if (exists(path, target.id)) throw taken();
      return { kind: 'rename_folder', targetFolderId: target.id, folderPath: path };
    }
    case 'delete': {
      if (!target) throw new AppError('NOT_FOUND', { field: 'folderId', message: 'No such folder.' });
      protect(target);
      if (target.messages > 0 || children(target).length) throw new AppError('MAIL_FOLDER_NOT_EMPTY', { field: 'folderId' });
      return { kind: 'delete_folder', targetFolderId: target.id, folderPath: null };
    }
  }
}
