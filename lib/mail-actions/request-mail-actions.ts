import 'server-only';
import type { Db } from '../../db/client.ts';
import { findOwnedMessages, listSpecialFolders, recordMailAction } from '../../db/queries/mail-actions.ts';
import { findFolder } from '../../db/queries/message-list.ts';
import { countFolderMessages } from '../../db/queries/messages.ts';
import type { MailAction } from '../../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import { mailActionsTopic, publishMailboxEvent, type MailActionRequested } from '../sync/sync-events.ts';
import { planMailActions, type MailActionRequest } from './plan-mail-actions.ts';

/**
 * Records what the person asked the mail server to do and shows it at once (STYLE.md rule 15):
 * for each account, one action row and its optimistic change in one transaction; then the change
 * is announced (MESSAGES_UPDATED for seen/flag, MESSAGES_REMOVED for rows hidden by a move,
 * spam or delete, with the folder's counts) and the account's runner is woken, in whichever
 * process holds the lease (mailActionsTopic). Only the viewer's own messages: one id that is
 * not theirs refuses the whole request, as NOT_FOUND. Returns the actions and the ids touched.
 */
export async function requestMailActions(
  deps: { db: Db; bus: EventBus },
  userId: string,
  request: MailActionRequest,
): Promise<{ actions: MailAction[]; messageIds: string[] }> {
  const { db, bus } = deps;
  const ids = [...new Set(request.messageIds)];
  const owned = await findOwnedMessages(db, userId, ids);
  if (owned.length !== ids.length) throw new AppError('NOT_FOUND', { field: 'ids', message: 'No such message.' });
  if (!ids.length) return { actions: [], messageIds: [] };
  let target: { id: string; accountId: string } | undefined;
  if (request.type === 'move') {
    const folder = await findFolder(db, request.folderId);
    // Another user's folder is not found, like their messages: owned ones are the messages' accounts'.
    if (!folder || !owned.some((m) => m.accountId === folder.accountId))
      throw new AppError('NOT_FOUND', { field: 'folderId', message: 'No such folder.' });
    target = folder;
  }
  const folders = await listSpecialFolders(db, [...new Set(owned.map((m) => m.accountId))]);
  const plans = planMailActions(request, owned, folders, target);

  const actions: MailAction[] = [];
  for (const plan of plans) {
    const { action, changed } = await recordMailAction(db, plan);
    actions.push(action);
    const byFolder = new Map<string, string[]>();
    for (const row of changed) byFolder.set(row.folderId, [...(byFolder.get(row.folderId) ?? []), row.id]);
    const kind = plan.kind === 'move' || plan.kind === 'spam' || plan.kind === 'delete' ? 'MESSAGES_REMOVED' : 'MESSAGES_UPDATED';
    // The action is stored: from here on nothing may fail the request. A lost announcement costs
    // other tabs a refetch; a lost wake-up, the time until the runner's next round.
    await Promise.all(
      [...byFolder].map(async ([folderId, messageIds]) => {
        const counts = await countFolderMessages(db, folderId);
        await publishMailboxEvent(bus, { accountId: plan.accountId, kind, folderId, messageIds, counts });
      }),
    ).catch(() => {});
    await bus.publish<MailActionRequested>(mailActionsTopic(plan.accountId), { actionId: action.id }).catch(() => {});
  }
  return { actions, messageIds: ids };
}
