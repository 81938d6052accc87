import type { ImapFlow, MailboxObject } from 'imapflow';
import {
  deleteActionMessages,
  flagOf,
  listOpenActions,
  loadActionMessages,
  repointMovedMessages,
  rollBackAction,
  setActionState,
  unhideMessages,
  type ActionMessage,
} from '../../db/queries/mail-actions.ts';
import { findFolder } from '../../db/queries/message-list.ts';
import { countFolderMessages } from '../../db/queries/messages.ts';
import { isAppendActionKind, isFolderActionKind, type MailAction, type MailFolder } from '../../db/schema/index.ts';
import { supersededDraftActions } from '../drafts/collapse-draft-saves.ts';
import { ERROR_CODES } from '../errors.ts';
import { missingFolderMessage } from '../mail-folders/missing-folder.ts';
import { ActionRefused, refusedOr } from './action-refused.ts';
import { carryOutAppendAction } from './run-append-action.ts';
import { publishFolderChange, type FolderSyncContext } from './folder-sync-context.ts';
import { carryOutFolderAction } from './run-folder-action.ts';
import { mailboxTopic, publishMailboxEvent, type MailboxEvent } from './sync-events.ts';
import { ConnectionLostError, throwIfOver, type SyncSession } from './sync-session.ts';
import { toSequenceSet } from './uid-sets.ts';

/**
 * Carries out the account's open actions (db/schema/mail-actions.ts), oldest first, on the sync's
 * own connection between passes (stay-current.ts): the process holding the lease is the only
 * one writing to the account's mailboxes, and no pass runs meanwhile. Per action, per source
 * folder: SELECT it (read-write), then
 *
 * - seen/unseen/flag/unflag: `UID STORE +FLAGS/-FLAGS (\Seen|\Flagged)`. Idempotent.
 * - move, spam, delete to Trash: `UID MOVE` (RFC 6851; imapflow falls back to COPY, STORE \Deleted
 *   and UID EXPUNGE, RFC 4315, on servers without MOVE). With COPYUID the rows are repointed
 *   to their new UIDs in the target folder (kept with their stored source); without it they are
 *   removed and the target folder's sync imports the messages.
 * - delete in Trash: `UID STORE +FLAGS (\Deleted)` + `UID EXPUNGE`.
 * - create_folder, rename_folder, delete_folder: run-folder-action.ts.
 * - append_sent, save_draft, discard_draft: run-append-action.ts; of several saves of one draft
 *   waiting here only the last is carried out (collapse-draft-saves.ts).
 *
 * Failures: the connection lost → the action goes back to pending and the session ends
 * (ConnectionLostError); the runner reconnects and this runs again first. The server refusing
 * (NO, the folder gone) → failed, the optimistic change of what was not carried out is rolled
 * back and ACTION_FAILED announced. Exactly once enough: a STORE repeated is harmless; a MOVE
 * done just before a crash finds its UIDs gone from the source when repeated (the server moves
 * nothing and answers OK): the rows are removed, the source's sync would have removed them too,
 * and the target's sync imports the messages.
 */
export async function runMailActions(session: SyncSession, client: ImapFlow): Promise<void> {
  const { ctx } = session;
  session.actionsWake.reset();
  for (;;) {
    const open = await listOpenActions(ctx.db, ctx.accountId);
    if (!open.length) return;
    const superseded = new Set(supersededDraftActions(open));
    for (const action of open) {
      if (superseded.has(action.id)) {
        await setActionState(ctx.db, action.id, 'done');
        continue;
      }
      throwIfOver(session, client, 'mail actions');
      await carryOut(ctx, client, action);
      // A draft saved is in Drafts on the server now: the folders' round that imports it runs next,
      // so another browser or device can take it up at once, not after `pollIntervalMs` (issue 11:
      // "resumed from any browser"). Cheap: the round looks only into folders that changed.
      if (action.kind === 'save_draft') session.foldersWake.notify();
    }
  }
}

async function carryOut(ctx: FolderSyncContext, client: ImapFlow, action: MailAction): Promise<void> {
  const { db } = ctx;
  await setActionState(db, action.id, 'running');
  const carriedOut = new Set<string>();
  try {
    if (isAppendActionKind(action.kind)) {
      await carryOutAppendAction(ctx, client, action);
      await setActionState(db, action.id, 'done');
      return;
    }
    if (isFolderActionKind(action.kind)) {
      await carryOutFolderAction(ctx, client, action);
      await setActionState(db, action.id, 'done');
      return;
    }
    const rows = await loadActionMessages(db, action.messageIds);
    let target: MailFolder | undefined;
    if (action.targetFolderId) {
      target = await findFolder(db, action.targetFolderId);
      if (!target || target.accountId !== action.accountId)
        throw new ActionRefused('MAIL_FOLDER_GONE', 'the target folder is gone');
    }
    for (const [folderId, group] of groupByFolder(rows)) {
      const folder = await findFolder(db, folderId);
      if (!folder) continue; // removed with its folder meanwhile: nothing left to act on
      await carryOutInFolder(ctx, client, action, folder, group, target);
      for (const row of group) carriedOut.add(row.id);
    }
    await setActionState(db, action.id, 'done');
  } catch (error) {
    if (error instanceof ActionRefused && client.usable) {
      await fail(ctx, action, carriedOut, error);
      return;
    }
    // The connection went (or the database): try again after the reconnect.
    const message = error instanceof Error ? error.message : String(error);
    await setActionState(db, action.id, 'pending', { code: 'MAIL_CONNECTION_FAILED', message }).catch(() => {});
    if (!client.usable && !(error instanceof ConnectionLostError)) throw new ConnectionLostError('mail action');
    throw error;
  }
}

async function carryOutInFolder(
  ctx: FolderSyncContext,
  client: ImapFlow,
  action: MailAction,
  folder: MailFolder,
  rows: ActionMessage[],
  target: MailFolder | undefined,
): Promise<void> {
  const { db } = ctx;
  if (target && target.id === folder.id) {
    // Already there: shown again, where they are.
    const ids = rows.map((r) => r.id);
    await unhideMessages(db, action.id, ids);
    await publishFolderChange(ctx, 'MESSAGES_ADDED', folder.id, ids);
    return;
  }
  const lock = await client.getMailboxLock(folder.path, { description: `mail action ${action.kind}` }).catch((error) => {
    throw refusedOr(client, error, 'MAIL_FOLDER_GONE', `SELECT ${folder.path}`);
  });
  try {
    const mailbox = client.mailbox as MailboxObject;
    // UIDs only mean something under the UIDVALIDITY they were stored with (RFC 3501 §2.3.1.1):
    // never touch another message; the sync re-maps the rows (remap-uid-validity.ts).
    const current = rows.filter((r) => r.uidValidity === Number(mailbox.uidValidity));
    if (current.length < rows.length) throw new ActionRefused('MAIL_ACTION_REFUSED', `${folder.path}: UIDVALIDITY changed`);
    const uids = toSequenceSet(current.map((r) => r.uid));
    const flag = flagOf(action.kind);
    if (flag) {
      const done = flag.on
        ? await client.messageFlagsAdd(uids, [flag.flag], { uid: true })
        : await client.messageFlagsRemove(uids, [flag.flag], { uid: true });
      if (!done) throw refusedOr(client, null, 'MAIL_ACTION_REFUSED', `UID STORE in ${folder.path}`);
      return;
    }
    if (!target) {
      if (!(await client.messageDelete(uids, { uid: true })))
        throw refusedOr(client, null, 'MAIL_ACTION_REFUSED', `UID EXPUNGE in ${folder.path}`);
      await deleteActionMessages(
        db,
        rows.map((r) => r.id),
      );
      return;
    }
    const moved = await client.messageMove(uids, target.path, { uid: true });
    if (!moved) throw refusedOr(client, null, 'MAIL_ACTION_REFUSED', `UID MOVE ${folder.path} → ${target.path}`);
    const uidMap = moved.uidMap ?? new Map<number, number>();
    const repointed = rows.flatMap((r) => {
      const uid = uidMap.get(r.uid);
      return uid !== undefined && moved.uidValidity !== undefined
        ? [{ id: r.id, folderId: target.id, uidValidity: Number(moved.uidValidity), uid }]
        : [];
    });
    await repointMovedMessages(db, action.id, repointed);
    // The target's list learns of them now; without COPYUID, when its sync imports them.
    await publishFolderChange(
      ctx,
      'MESSAGES_ADDED',
      target.id,
      repointed.map((r) => r.id),
    );
    const mapped = new Set(repointed.map((r) => r.id));
    await deleteActionMessages(
      db,
      rows.filter((r) => !mapped.has(r.id)).map((r) => r.id),
    );
  } finally {
    lock.release();
  }
}

async function fail(ctx: FolderSyncContext, action: MailAction, carriedOut: Set<string>, error: ActionRefused): Promise<void> {
  const rolledBack = await rollBackAction(
    ctx.db,
    action,
    action.changedIds.filter((id) => !carriedOut.has(id)),
  );
  await setActionState(ctx.db, action.id, 'failed', { code: error.code, message: error.message });
  ctx.log(`sync ${ctx.accountId}: action ${action.id} (${action.kind}) failed: ${error.message}`);
  const byFolder = new Map<string, string[]>();
  for (const row of rolledBack) byFolder.set(row.folderId, [...(byFolder.get(row.folderId) ?? []), row.id]);
  // Nothing rolled back (a folder action changes nothing here first): the event names the folder acted on, if any.
  if (!byFolder.size) byFolder.set(isFolderActionKind(action.kind) ? (action.targetFolderId ?? '') : '', []);
  const failure = {
    id: action.id,
    kind: action.kind,
    errorCode: error.code,
    // A missing folder is named (Sent, Drafts …); other refusals keep the table's words, not the server's.
    errorMessage: error.details ? missingFolderMessage(error.details.role) : ERROR_CODES[error.code].userMessage,
    errorRole: error.details?.role ?? null,
  };
  for (const [folderId, messageIds] of byFolder) {
    const counts = folderId ? await countFolderMessages(ctx.db, folderId) : null;
    const event: MailboxEvent = {
      accountId: ctx.accountId,
      kind: 'ACTION_FAILED',
      folderId: folderId || null,
      messageIds,
      counts,
      action: failure,
    };
    // Published even without ids (nothing left to roll back): the person is told once per action.
    await (messageIds.length ? publishMailboxEvent(ctx.bus, event) : ctx.bus.publish(mailboxTopic(ctx.accountId), event)).catch(
      (publishError) => ctx.log(`sync ${ctx.accountId}: announcing a failed action failed`, publishError),
    );
  }
}

function groupByFolder(rows: ActionMessage[]): Map<string, ActionMessage[]> {
  const groups = new Map<string, ActionMessage[]>();
  for (const row of rows) groups.set(row.folderId, [...(groups.get(row.folderId) ?? []), row]);
  return groups;
}
