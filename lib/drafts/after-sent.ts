import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { findOwnedDraft, recordSentCopy, removeDraft } from '../../db/queries/drafts.ts';
import { mailAccounts, type OutboxMessage } from '../../db/schema/index.ts';
import type { EventBus } from '../events/event-bus.ts';
import { draftsTopic } from './draft-events.ts';
import { filesSentMail } from './files-sent-mail.ts';
import { wakeMailActions } from './wake-mail-actions.ts';

/**
 * What follows the SMTP server's acceptance of a message (issue 11; the outbox sender's onSent):
 * a copy of the very bytes sent is queued for the account's Sent folder, unless the provider
 * files one itself (files-sent-mail.ts); the draft it was written in is removed, here and on
 * the server. Both are durable actions carried out by the lease holder.
 */
export async function afterSent(deps: { db: Db; bus: EventBus }, message: OutboxMessage): Promise<void> {
  const { db, bus } = deps;
  const [account] = await db.select().from(mailAccounts).where(eq(mailAccounts.id, message.accountId));
  if (!account) return;
  if (!filesSentMail(account)) await wakeMailActions(bus, await recordSentCopy(db, account.id, message.id, message.messageId));
  const draftId = message.draft.draftId;
  const draft = draftId ? await findOwnedDraft(db, message.userId, draftId) : undefined;
  if (draft) {
    await wakeMailActions(bus, await removeDraft(db, draft));
    await bus.publish(draftsTopic(message.userId), { draftId: draft.id, removed: true }).catch(() => {});
  }
}
