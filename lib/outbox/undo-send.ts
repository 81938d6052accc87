import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { findOwnedDraft, storeDraft } from '../../db/queries/drafts.ts';
import { findUserMailAccount } from '../../db/queries/mail-accounts.ts';
import { cancelQueuedMessage, listOutboxAttachments } from '../../db/queries/outbox.ts';
import { isUuid } from '../../db/is-uuid.ts';
import { outboxMessages, type Draft, type MailAction } from '../../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import { draftsTopic, type DraftChanged } from '../drafts/draft-events.ts';
import { wakeMailActions } from '../drafts/wake-mail-actions.ts';
import { newMessageId } from '../mail/mime/compose-message.ts';
import { outboxTopic, type OutboxChanged } from './outbox-events.ts';

/**
 * Undo send (issue 11) that survives a reload and another browser: in one transaction the queued
 * message is taken back and becomes a saved draft — the draft it was written in, as a new
 * version, or a new one — with its fields, its files (inline images keep their Content-ID) and
 * its Send-and-archive intent, and the durable action that puts it in Drafts on the server
 * (STYLE.md rule 15). The outbox row goes. The composer then opens that draft (resumeDraft), so
 * nothing lives only in one page.
 * Only while the message still waits (queued); else SEND_TOO_LATE.
 */
export async function undoSend(deps: { db: Db; bus: EventBus }, userId: string, outboxId: string): Promise<Draft> {
  const { db, bus } = deps;
  if (!isUuid(outboxId)) throw new AppError('NOT_FOUND', { field: 'id', message: 'No such outbox message.' });
  const { draft, action } = await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const row = await cancelQueuedMessage(t, userId, outboxId);
    if (!row) {
      const [exists] = await t
        .select({ id: outboxMessages.id })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.id, outboxId), eq(outboxMessages.userId, userId)));
      throw exists
        ? new AppError('SEND_TOO_LATE', { field: 'id' })
        : new AppError('NOT_FOUND', { field: 'id', message: 'No such outbox message.' });
    }
    const account = await findUserMailAccount(t, userId, row.accountId);
    if (!account) throw new AppError('NOT_FOUND', { field: 'id', message: 'The mail account was removed.' });
    const written =
      row.draft.draftId && isUuid(row.draft.draftId) ? await findOwnedDraft(t, userId, row.draft.draftId) : undefined;
    const into = written && written.accountId === row.accountId ? written : undefined;
    const stored: { draft: Draft; action: MailAction } = await storeDraft(t, {
      id: into?.id ?? null,
      userId,
      accountId: row.accountId,
      messageId: into?.messageId ?? newMessageId(account.email),
      fields: {
        fromName: row.draft.fromName,
        to: row.draft.to,
        cc: row.draft.cc,
        bcc: row.draft.bcc,
        subject: row.draft.subject,
        text: row.draft.text,
        html: row.draft.html,
        replyToMessageId: row.draft.replyToMessageId ?? null,
        // A forward's files are among the message's own (queueMessage took them over).
        forwardMessageId: null,
        forwardAsAttachment: false,
        // The files are the draft's own now; resumeDraft hands them out as new uploads and
        // points these lists at them.
        attachmentIds: [],
        inlineImages: [],
      },
      // Send and archive stays switched on, to the same targets, when the draft is resumed.
      archive: row.archive,
      files: await listOutboxAttachments(t, row.id),
    });
    await t.delete(outboxMessages).where(eq(outboxMessages.id, row.id));
    return stored;
  });
  await wakeMailActions(bus, action);
  await bus.publish<DraftChanged>(draftsTopic(userId), { draftId: draft.id, removed: false }).catch(() => {});
  await bus.publish<OutboxChanged>(outboxTopic(userId), { outboxId, state: 'cancelled' }).catch(() => {});
  return draft;
}
