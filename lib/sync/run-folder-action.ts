import type { ImapFlow } from 'imapflow';
import { repointRenamedFolders } from '../../db/queries/folder-actions.ts';
import { findFolder } from '../../db/queries/message-list.ts';
import type { MailAction, MailFolder } from '../../db/schema/index.ts';
import { ActionRefused, refusedOr } from './action-refused.ts';
import type { FolderSyncContext } from './folder-sync-context.ts';
import { refreshFolderList } from './refresh-folder-list.ts';
import { publishMailboxEvent } from './sync-events.ts';

/**
 * Carries out one folder action (lib/mail-folders/) on the runner's connection, then refreshes
 * the folder list (LIST) so mail_folders matches the server, announcing FOLDERS_CHANGED:
 *
 * - create_folder: `CREATE` (imapflow also SUBSCRIBEs, so other clients show it). imapflow
 *   answers `[ALREADYEXISTS]` (RFC 5530) without throwing: that is MAIL_FOLDER_EXISTS.
 * - rename_folder: `RENAME`; the folder and its subfolders keep their rows here
 *   (repointRenamedFolders), so nothing is imported again.
 * - delete_folder: `STATUS (MESSAGES)` first — the store may not hold every message (the import
 *   window), and IMAP DELETE removes them on most servers — then `DELETE` only when it is empty.
 *
 * A retry (the action was started before: the connection dropped, or a holder died after the
 * command) may find its work done: then it is done, not refused as "exists" or "gone".
 * Throws ActionRefused on a refusal; anything else leaves the action pending (run-mail-actions.ts).
 */
export async function carryOutFolderAction(ctx: FolderSyncContext, client: ImapFlow, action: MailAction): Promise<void> {
  const folder = action.targetFolderId ? await findFolder(ctx.db, action.targetFolderId) : undefined;
  if (action.targetFolderId && (!folder || folder.accountId !== action.accountId))
    throw new ActionRefused('MAIL_FOLDER_GONE', 'the folder is gone');
  const retry = action.attempts > 0;
  const newPath = action.folderPath ?? '';
  switch (action.kind) {
    case 'create_folder': {
      const created = await client.mailboxCreate(newPath).catch((error) => {
        throw refusal(client, error, `CREATE ${newPath}`);
      });
      if (!created?.created && !retry) throw new ActionRefused('MAIL_FOLDER_EXISTS', `CREATE ${newPath}: [ALREADYEXISTS]`);
      break;
    }
    case 'rename_folder': {
      const { path } = folder!;
      await client.mailboxRename(path, newPath).catch(async (error) => {
        if (retry && client.usable && (await done(client, { gone: path, present: newPath }))) return;
        throw refusal(client, error, `RENAME ${path} ${newPath}`);
      });
      await repointRenamedFolders(ctx.db, action.accountId, path, newPath, folder!.delimiter);
      break;
    }
    case 'delete_folder':
      await deleteIfEmpty(client, folder!, retry);
      break;
    default:
      throw new Error(`not a folder action: ${action.kind}`);
  }
  const { changed } = await refreshFolderList(ctx, client);
  // A rename repointed here first may leave LIST nothing to change: the list changed all the same.
  if (!changed)
    await publishMailboxEvent(ctx.bus, {
      accountId: ctx.accountId,
      kind: 'FOLDERS_CHANGED',
      folderId: null,
      messageIds: [],
      counts: null,
    });
}

async function deleteIfEmpty(client: ImapFlow, folder: MailFolder, retry: boolean): Promise<void> {
  const status = await client.status(folder.path, { messages: true }).catch(async (error) => {
    if (retry && client.usable && (await done(client, { gone: folder.path }))) return null;
    throw refusal(client, error, `STATUS ${folder.path}`);
  });
  if (!status) return; // deleted by the attempt before
  if ((status.messages ?? 0) > 0)
    throw new ActionRefused('MAIL_FOLDER_NOT_EMPTY', `${folder.path} holds ${status.messages} messages on the server`);
  await client.mailboxDelete(folder.path).catch((error) => {
    throw refusal(client, error, `DELETE ${folder.path}`);
  });
}

/** The server's response code says which refusal (RFC 5530): exists, gone, or just refused. */
function refusal(client: ImapFlow, error: unknown, what: string): Error {
  const code = (error as { serverResponseCode?: string } | null)?.serverResponseCode?.toUpperCase();
  return refusedOr(
    client,
    error,
    code === 'ALREADYEXISTS' ? 'MAIL_FOLDER_EXISTS' : code === 'NONEXISTENT' ? 'MAIL_FOLDER_GONE' : 'MAIL_ACTION_REFUSED',
    what,
  );
}

/** Whether the server's folder list already shows the outcome (only asked on a retry). */
async function done(client: ImapFlow, outcome: { gone: string; present?: string }): Promise<boolean> {
  const paths = new Set((await client.list()).map((entry) => entry.path));
  return !paths.has(outcome.gone) && (outcome.present === undefined || paths.has(outcome.present));
}
