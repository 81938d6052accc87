import 'server-only';
import type { Db } from '../../db/client.ts';
import { findArchivedCopies } from '../../db/queries/archived-documents.ts';
import type { EventBus } from '../events/event-bus.ts';
import { publishArchiveChanged } from './archive-events.ts';

/**
 * After messages' sources are read (their content hash is known): those that are copies of an
 * archived document get their "archived to …" mark, so the pages showing them refetch it. The
 * archiving itself happened earlier (the Sent copy of a message sent and archived reaches the
 * store only after the archive does), so no other event would tell them. No targets: no
 * timeline changes, only marks.
 */
export async function announceArchivedCopies(db: Db, bus: EventBus, messageIds: readonly string[]): Promise<void> {
  const copies = await findArchivedCopies(db, messageIds);
  const groups = new Map<string, { tenantId: string; privateTo: string | null; messageIds: string[]; documentIds: string[] }>();
  for (const copy of copies) {
    const key = `${copy.tenantId}|${copy.privateTo ?? ''}`;
    const group = groups.get(key) ?? { tenantId: copy.tenantId, privateTo: copy.privateTo, messageIds: [], documentIds: [] };
    group.messageIds.push(copy.messageId);
    group.documentIds.push(copy.documentId);
    groups.set(key, group);
  }
  for (const { tenantId, privateTo, messageIds: ids, documentIds } of groups.values())
    await publishArchiveChanged(bus, tenantId, { change: 'archived', targets: [], privateTo, messageIds: ids, documentIds });
}
