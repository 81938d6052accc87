import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  findOwnedDraft,
  hasSentCopyAction,
  listSentAwaitingFollowUp,
  recordSentCopy,
  removeDraft,
} from '../../db/queries/drafts.ts';
import { mailAccounts, type OutboxMessage } from '../../db/schema/index.ts';
import { isUuid } from '../../db/is-uuid.ts';
import { archiveSentMessage } from '../archive/archive-sent-message.ts';
import type { EventBus } from '../events/event-bus.ts';
import { draftsTopic, type DraftChanged } from './draft-events.ts';
import { filesSentMail } from './files-sent-mail.ts';
import { wakeMailActions } from './wake-mail-actions.ts';

/** How far back catchUpAfterSent looks for messages whose after-send steps may not have run. @default 1 day */
export const AFTER_SENT_CATCH_UP_MS = 24 * 3600_000;

/**
 * What follows the SMTP server's acceptance of a message (issue 11; the outbox sender's onSent):
 * "Send and archive" (issue 12) first: the bytes sent are archived to the targets stored with the
 * message, once (archive-sent-message.ts). Then a copy of the very bytes sent is queued for the
 * account's Sent folder, unless the provider files one itself (files-sent-mail.ts); the draft it
 * was written in is removed, here and on the server. Both are durable actions carried out by the
 * lease holder. Safe to run twice: a copy asked for already is not asked again (and the runner
 * looks in Sent before appending), a draft removed already is not found.
 */
export async function afterSent(deps: { db: Db; bus: EventBus }, message: OutboxMessage): Promise<void> {
  const { db, bus } = deps;
  const [account] = await db.select().from(mailAccounts).where(eq(mailAccounts.id, message.accountId));
  if (!account) return;
  // Archived first: the Sent copy is then never in the store before the document it copies, so
  // its mark comes with its extraction (announceArchivedCopies) instead of racing the archiving.
  // A failure here must not keep the Sent copy from being queued: it is thrown at the end.
  const archiveFailure = await archiveSentMessage(deps, message, account.email).then(
    () => null,
    (error: unknown) => ({ error }),
  );
  if (!filesSentMail(account) && !(await hasSentCopyAction(db, message.id)))
    await wakeMailActions(bus, await recordSentCopy(db, account.id, message.id, message.messageId));
  const draftId = message.draft.draftId;
  const draft = draftId && isUuid(draftId) ? await findOwnedDraft(db, message.userId, draftId) : undefined;
  if (draft) {
    await wakeMailActions(bus, await removeDraft(db, draft));
    await bus.publish<DraftChanged>(draftsTopic(message.userId), { draftId: draft.id, removed: true }).catch(() => {});
  }
  if (archiveFailure) throw archiveFailure.error;
}

/**
 * Runs afterSent for messages accepted in the last day whose steps may have been cut off by a
 * stop between `sent` and onSent (called once when the server starts): nothing lost, and,
 * afterSent being safe to repeat, nothing doubled either. Returns how many were looked at.
 */
export async function catchUpAfterSent(deps: { db: Db; bus: EventBus }, now = new Date()): Promise<number> {
  const rows = await listSentAwaitingFollowUp(deps.db, new Date(now.getTime() - AFTER_SENT_CATCH_UP_MS));
  for (const row of rows) await afterSent(deps, row);
  return rows.length;
}
