import 'server-only';
import { and, asc, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sweepOldUploads } from './uploads.ts';
import { outboxAttachments, outboxMessages, type OutboxArchive, type OutboxDraft, type OutboxMessage } from '../schema/index.ts';

/**
 * The outbox (db/schema/outbox.ts): a message is queued with its attachments in one transaction;
 * senders claim due messages one at a time with FOR UPDATE SKIP LOCKED, so one message has one
 * sender across processes, and write each outcome as a state change guarded by the state it
 * expects (a row that moved on meanwhile is left alone).
 */

export interface QueuedAttachment {
  filename: string;
  contentType: string;
  contentId: string | null;
  content: Buffer;
}

export async function enqueueOutboxMessage(
  db: Db,
  input: {
    accountId: string;
    userId: string;
    messageId: string;
    draft: OutboxDraft;
    sendAt: Date;
    attachments: QueuedAttachment[];
    /** Send and archive (issue 12); null or absent: send only. */
    archive?: OutboxArchive | null;
  },
): Promise<OutboxMessage> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(outboxMessages)
      .values({
        accountId: input.accountId,
        userId: input.userId,
        messageId: input.messageId,
        draft: input.draft,
        sendAt: input.sendAt,
        nextAttemptAt: input.sendAt,
        archive: input.archive ?? null,
      })
      .returning();
    if (input.attachments.length)
      await tx.insert(outboxAttachments).values(input.attachments.map((a, ordinal) => ({ outboxId: row!.id, ordinal, ...a })));
    return row!;
  });
}

/**
 * Takes the next due message for this sender: state `sending`, a lease until now + `leaseMs`, one
 * more attempt. Null when nothing is due. SKIP LOCKED: two senders never take the same row, and
 * neither waits for the other.
 */
export async function claimDueOutboxMessage(db: Db, leaseMs: number): Promise<OutboxMessage | null> {
  const [row] = await db
    .update(outboxMessages)
    .set({
      state: 'sending',
      claimedUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
      attempts: sql`${outboxMessages.attempts} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      eq(
        outboxMessages.id,
        sql`(select id from outbox_messages where state = 'queued' and send_at <= now() and next_attempt_at <= now()
             order by next_attempt_at limit 1 for update skip locked)`,
      ),
    )
    .returning();
  return row ?? null;
}

/** Keeps the lease of a long send (a large message on a slow line). */
export async function extendOutboxLease(db: Db, id: string, leaseMs: number): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ claimedUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.state, 'sending')));
}

/**
 * Messages whose sender vanished mid-send (process killed, machine lost): `sending` past their
 * lease. Whether the server took them cannot be known from here, so they become `uncertain`,
 * never `queued` (issue 11: "a message whose SMTP transaction may have completed before a crash
 * is never sent again automatically").
 */
export async function abandonExpiredSends(db: Db): Promise<OutboxMessage[]> {
  return db
    .update(outboxMessages)
    .set({
      state: 'uncertain',
      claimedUntil: null,
      lastErrorCode: 'SEND_UNCERTAIN',
      lastError: 'The sender stopped during the SMTP transaction.',
      updatedAt: sql`now()`,
    })
    .where(and(eq(outboxMessages.state, 'sending'), lte(outboxMessages.claimedUntil, sql`now()`)))
    .returning();
}

export async function storeComposedMessage(db: Db, id: string, raw: Buffer): Promise<void> {
  await db.update(outboxMessages).set({ raw }).where(eq(outboxMessages.id, id));
}

type Outcome =
  | { state: 'sent'; rejectedRecipients: string[] }
  | { state: 'queued'; nextAttemptAt: Date; errorCode: string; error: string }
  | { state: 'failed' | 'uncertain'; errorCode: string; error: string };

/** Writes what the attempt came to, only if the row is still this sender's (`sending`). */
export async function finishOutboxAttempt(db: Db, id: string, outcome: Outcome): Promise<OutboxMessage | null> {
  const common = { state: outcome.state, claimedUntil: null, updatedAt: sql`now()` };
  const values =
    outcome.state === 'sent'
      ? { ...common, sentAt: sql`now()`, rejectedRecipients: outcome.rejectedRecipients, lastErrorCode: null, lastError: null }
      : outcome.state === 'queued'
        ? { ...common, nextAttemptAt: outcome.nextAttemptAt, lastErrorCode: outcome.errorCode, lastError: outcome.error }
        : { ...common, lastErrorCode: outcome.errorCode, lastError: outcome.error };
  const [row] = await db
    .update(outboxMessages)
    .set(values)
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.state, 'sending')))
    .returning();
  return row ?? null;
}

/** Undo send / cancel a schedule: only while still queued (a message being sent cannot be stopped). */
export async function cancelQueuedMessage(db: Db, userId: string, id: string): Promise<OutboxMessage | null> {
  const [row] = await db
    .update(outboxMessages)
    .set({ state: 'cancelled', updatedAt: sql`now()` })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.userId, userId), eq(outboxMessages.state, 'queued')))
    .returning();
  return row ?? null;
}

/**
 * Sent again at the person's request, now: a failed or uncertain message (after editing, or "send
 * anyway"), or one waiting for its next try after a transient failure ("Retry now": the server is
 * back and the backoff may still be minutes away). A message queued for its undo delay or schedule
 * has no error and is left alone: this is no way around the person's own delay.
 */
export async function requeueOutboxMessage(db: Db, userId: string, id: string): Promise<OutboxMessage | null> {
  const [row] = await db
    .update(outboxMessages)
    .set({ state: 'queued', nextAttemptAt: sql`now()`, attempts: 0, updatedAt: sql`now()` })
    .where(
      and(
        eq(outboxMessages.id, id),
        eq(outboxMessages.userId, userId),
        or(
          inArray(outboxMessages.state, ['failed', 'uncertain']),
          and(eq(outboxMessages.state, 'queued'), eq(outboxMessages.lastErrorCode, 'SEND_RETRYING')),
        ),
      ),
    )
    .returning();
  return row ?? null;
}

export async function findOutboxMessage(db: Db, id: string): Promise<OutboxMessage | null> {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row ?? null;
}

/** The person's outbox, newest first (sent ones included for a while: the page shows what went). */
export async function listOutbox(db: Db, userId: string, limit = 100): Promise<OutboxMessage[]> {
  return db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.userId, userId))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(limit);
}

export async function listOutboxAttachments(db: Db, outboxId: string): Promise<QueuedAttachment[]> {
  return db
    .select({
      filename: outboxAttachments.filename,
      contentType: outboxAttachments.contentType,
      contentId: outboxAttachments.contentId,
      content: outboxAttachments.content,
    })
    .from(outboxAttachments)
    .where(eq(outboxAttachments.outboxId, outboxId))
    .orderBy(asc(outboxAttachments.ordinal));
}

/** When the next queued message falls due (the sender's timer), or null. */
export async function nextOutboxDue(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({
      at: sql<Date>`greatest(${outboxMessages.sendAt}, ${outboxMessages.nextAttemptAt})`.mapWith(
        (v: unknown) => new Date(v as string),
      ),
    })
    .from(outboxMessages)
    .where(eq(outboxMessages.state, 'queued'))
    .orderBy(asc(sql`greatest(${outboxMessages.sendAt}, ${outboxMessages.nextAttemptAt})`))
    .limit(1);
  return row?.at ?? null;
}

/**
 * Uncertain messages found in the account's mail after all (issue 11: "looked up in Sent by its
 * Message-ID"): the sync imported a message with the same Message-ID — the provider filed it in
 * Sent, or it arrived at one of the account's own addresses — so the server did take it. Stored
 * Message-IDs are without angle brackets.
 */
export async function resolveUncertainSends(db: Db): Promise<OutboxMessage[]> {
  return db
    .update(outboxMessages)
    .set({ state: 'sent', sentAt: sql`now()`, lastErrorCode: null, lastError: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(outboxMessages.state, 'uncertain'),
        sql`exists (select 1 from messages m where m.account_id = ${outboxMessages.accountId}
                    and m.message_id = btrim(${outboxMessages.messageId}, '<>'))`,
      ),
    )
    .returning();
}

export async function deleteOutboxMessage(db: Db, userId: string, id: string): Promise<void> {
  await db.delete(outboxMessages).where(and(eq(outboxMessages.id, id), eq(outboxMessages.userId, userId)));
}

/**
 * Forgets what is done with: sent and cancelled messages after `keepDoneFor` (their bytes live on
 * in Sent on the mail server, the copy there is made within the first minutes), and uploads never
 * sent after `keepUploadsFor` (a composer closed without sending or discarding).
 */
export async function sweepOutbox(
  db: Db,
  keep: { doneMs: number; uploadsMs: number },
): Promise<{ messages: number; uploads: number }> {
  const done = await db
    .delete(outboxMessages)
    .where(
      and(
        inArray(outboxMessages.state, ['sent', 'cancelled']),
        lte(outboxMessages.updatedAt, sql`now() - ${`${keep.doneMs} milliseconds`}::interval`),
      ),
    )
    .returning({ id: outboxMessages.id });
  const uploadsGone = await sweepOldUploads(db, new Date(Date.now() - keep.uploadsMs));
  return { messages: done.length, uploads: uploadsGone };
}

export interface OutboxAttachmentInfo {
  filename: string;
  contentType: string;
  size: number;
}

/** An outbox message's files without their bytes (the outbox list shows them; Edit copies them). */
export async function listOutboxAttachmentInfo(db: Db, outboxId: string): Promise<OutboxAttachmentInfo[]> {
  return db
    .select({
      filename: outboxAttachments.filename,
      contentType: outboxAttachments.contentType,
      size: sql<number>`octet_length(${outboxAttachments.content})`.mapWith(Number),
    })
    .from(outboxAttachments)
    .where(eq(outboxAttachments.outboxId, outboxId))
    .orderBy(asc(outboxAttachments.ordinal));
}
