import 'server-only';
import { createHash } from 'node:crypto';
import { ARCHIVED_TEXT_LENGTH } from '../../db/queries/archivable-messages.ts';
import { findArchiveTargets } from '../../db/queries/archive-targets.ts';
import { storeArchive } from '../../db/queries/archive-store.ts';
import { findSenderTenant, markOutboxArchived } from '../../db/queries/outbox-archive.ts';
import type { OutboxMessage } from '../../db/schema/index.ts';
import type { ArchiveDeps } from './archive-deps.ts';
import { publishArchiveChanged } from './archive-events.ts';

export type ArchiveSentOutcome = 'archived' | 'not-asked' | 'done-already' | 'no-targets-left';

/**
 * "Send and archive" (issue 12), carried out after the SMTP server accepted the message (afterSent
 * and, after a stop, catchUpAfterSent): the outbox row's stored bytes — exactly what was sent and
 * what the Sent copy appends — become an archived document linked to the targets asked for when
 * queued. Safe to run twice or concurrently: the store is idempotent by hash and target, and
 * `archived_at` is set in the same transaction, so a crash before the commit archives on the next
 * run and one after it does not archive again. Targets deleted since queuing are left out; with
 * none left the intent is marked done (there is nothing to link to, and retrying would not help).
 */
export async function archiveSentMessage(
  deps: ArchiveDeps,
  message: OutboxMessage,
  /** The account's address: the From of the message. */
  fromAddress: string,
): Promise<ArchiveSentOutcome> {
  const intent = message.archive;
  if (!intent || !message.raw || message.state !== 'sent') return 'not-asked';
  if (message.archivedAt) return 'done-already';
  const { db } = deps;
  const tenantId = await findSenderTenant(db, message.userId);
  if (!tenantId) return 'no-targets-left';
  const found = await findArchiveTargets(db, tenantId, intent.targets);
  const targets = intent.targets.filter((t) => found.some((f) => f.id === t.id && f.kind === t.kind));
  const viewer = { userId: message.userId, tenantId };
  const raw = message.raw;
  const { draft } = message;
  const stored = await db.transaction(async (tx) => {
    if (!(await markOutboxArchived(tx, message.id))) return null;
    if (!targets.length) return { documents: [], newLinks: 0 };
    return storeArchive(
      tx,
      viewer,
      [
        {
          kind: 'message',
          bytes: raw,
          // The same SHA-256 as messages.content_hash: the Sent copy (the same bytes, appended by
          // the sync) shows the archive mark.
          hash: createHash('sha256').update(raw).digest('hex'),
          sourceMessageId: null,
          messageIdHeader: message.messageId.replace(/^<|>$/g, ''),
          subject: draft.subject,
          from: [{ name: draft.fromName ?? '', address: fromAddress }],
          to: draft.to.map((address) => ({ name: '', address })),
          cc: draft.cc.map((address) => ({ name: '', address })),
          datedAt: message.sentAt ?? new Date(),
          filename: null,
          contentType: 'message/rfc822',
          text: draft.text.slice(0, ARCHIVED_TEXT_LENGTH),
        },
      ],
      targets,
      { category: intent.category, visibility: intent.visibility },
    );
  });
  if (!stored) return 'done-already';
  if (!targets.length) return 'no-targets-left';
  await publishArchiveChanged(deps.bus, tenantId, {
    change: 'archived',
    targets,
    messageIds: [],
    documentIds: stored.documents.map((d) => d.id),
    privateTo: intent.visibility === 'private' ? message.userId : null,
  });
  return 'archived';
}
