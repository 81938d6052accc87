import type { MailActionKind } from '../../db/schema/mail-actions.ts';
import { AppError } from '../errors.ts';
import { missingFolderMessage } from '../mail-folders/missing-folder.ts';

/** What the API asks for (graphql/mail-actions.ts), one call of a mutation. */
export type MailActionRequest =
  | { type: 'mark'; messageIds: string[]; seen: boolean }
  | { type: 'flag'; messageIds: string[]; flagged: boolean }
  | { type: 'move'; messageIds: string[]; folderId: string }
  | { type: 'delete'; messageIds: string[] }
  | { type: 'spam'; messageIds: string[] };

export interface PlannedAction {
  accountId: string;
  kind: MailActionKind;
  messageIds: string[];
  targetFolderId: string | null;
}

interface Located {
  id: string;
  accountId: string;
  folderId: string;
  specialUse: string | null;
}

/**
 * Turns a request into one action per account (and, for delete, per destination), purely:
 * `messages` are the viewer's rows among the requested ids (the caller refuses the request when
 * any id is missing), `folders` the accounts' special-use folders, `target` the folder of a move.
 *
 * - delete: to Trash (RFC 6154 \Trash); what is already in Trash is deleted for good (target null).
 * - spam: to Junk (\Junk). The server's own spam training, if any, sees the move.
 * - move: the target must be a folder of the messages' account (IMAP moves within one account).
 */
export function planMailActions(
  request: MailActionRequest,
  messages: Located[],
  folders: Array<{ id: string; accountId: string; specialUse: string }>,
  target?: { id: string; accountId: string },
): PlannedAction[] {
  const byAccount = new Map<string, Located[]>();
  for (const m of messages) byAccount.set(m.accountId, [...(byAccount.get(m.accountId) ?? []), m]);
  const special = (accountId: string, use: string) =>
    folders.find((f) => f.accountId === accountId && f.specialUse.toLowerCase() === use.toLowerCase());
  const plans: PlannedAction[] = [];
  for (const [accountId, rows] of byAccount) {
    const ids = rows.map((r) => r.id);
    switch (request.type) {
      case 'mark':
        plans.push({ accountId, kind: request.seen ? 'seen' : 'unseen', messageIds: ids, targetFolderId: null });
        break;
      case 'flag':
        plans.push({ accountId, kind: request.flagged ? 'flag' : 'unflag', messageIds: ids, targetFolderId: null });
        break;
      case 'move':
        if (!target || target.accountId !== accountId)
          throw new AppError('BAD_USER_INPUT', {
            field: 'folderId',
            message: 'Messages can only be moved within their own mailbox.',
          });
        plans.push({ accountId, kind: 'move', messageIds: ids, targetFolderId: target.id });
        break;
      case 'spam': {
        const junk = special(accountId, '\\Junk');
        if (!junk)
          throw new AppError('MAIL_FOLDER_MISSING', { message: missingFolderMessage('Junk'), details: { role: 'Junk' } });
        plans.push({ accountId, kind: 'spam', messageIds: ids, targetFolderId: junk.id });
        break;
      }
      case 'delete': {
        const trash = special(accountId, '\\Trash');
        const inTrash = rows.filter((r) => trash && r.folderId === trash.id).map((r) => r.id);
        const elsewhere = rows.filter((r) => !trash || r.folderId !== trash.id).map((r) => r.id);
        if (elsewhere.length && !trash)
          throw new AppError('MAIL_FOLDER_MISSING', { message: missingFolderMessage('Trash'), details: { role: 'Trash' } });
        if (inTrash.length) plans.push({ accountId, kind: 'delete', messageIds: inTrash, targetFolderId: null });
        if (elsewhere.length) plans.push({ accountId, kind: 'delete', messageIds: elsewhere, targetFolderId: trash!.id });
        break;
      }
    }
  }
  return plans;
}
