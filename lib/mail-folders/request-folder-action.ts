import 'server-only';
import type { Db } from '../../db/client.ts';
import {
  findOwnedAccountOfFolder,
  isOwnedAccount,
  listFoldersWithCounts,
  recordFolderAction,
} from '../../db/queries/folder-actions.ts';
import type { MailAction } from '../../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import { mailActionsTopic, type MailActionRequested } from '../sync/sync-events.ts';
import { planFolderAction, type FolderActionRequest } from './plan-folder-action.ts';

/**
 * Records a folder change the person asked of the mail server (STYLE.md rule 15) and wakes the
 * account's runner, in whichever process holds the lease: it carries out CREATE, RENAME or
 * DELETE on its connection, in order with the message actions, then refreshes the folder list
 * (FOLDERS_CHANGED) — or, refused, announces ACTION_FAILED. No optimistic change here: a folder
 * row is what the sync's LIST reconciles against, so one made up locally could be dropped (with
 * its messages) by a poll round running before the action; the folder list follows the server
 * within moments instead. Only the viewer's accounts and folders: another's is NOT_FOUND.
 */
export async function requestFolderAction(
  deps: { db: Db; bus: EventBus },
  userId: string,
  request: FolderActionRequest,
): Promise<MailAction> {
  const { db, bus } = deps;
  const notFound = (field: string) => new AppError('NOT_FOUND', { field, message: 'No such folder.' });
  let accountId: string | undefined;
  if (request.type === 'create') {
    if (!(await isOwnedAccount(db, userId, request.accountId)))
      throw new AppError('NOT_FOUND', { field: 'accountId', message: 'No such mailbox.' });
    accountId = request.accountId;
  } else {
    accountId = await findOwnedAccountOfFolder(db, userId, request.folderId);
    if (!accountId) throw notFound('folderId');
  }
  const folders = await listFoldersWithCounts(db, accountId);
  const targetId = request.type === 'create' ? request.parentId : request.folderId;
  const target = targetId ? folders.find((f) => f.id === targetId) : null;
  // A parent from another account (even the viewer's own) is not a place in this mailbox.
  if (targetId && !target) throw notFound(request.type === 'create' ? 'parentId' : 'folderId');
  const plan = planFolderAction(request, folders, target ?? null);
  const action = await recordFolderAction(db, { accountId, ...plan });
  // Stored: from here on nothing may fail the request. A lost wake-up costs the runner's next round.
  await bus.publish<MailActionRequested>(mailActionsTopic(accountId), { actionId: action.id }).catch(() => {});
  return action;
}
