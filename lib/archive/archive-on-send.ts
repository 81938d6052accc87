import 'server-only';
import type { Db } from '../../db/client.ts';
import type { OutboxArchive } from '../../db/schema/index.ts';
import { normalizeArchiveRequest, type ArchiveOptions, type ArchiveTarget } from './archive-target.ts';
import { requireTargets } from './require-targets.ts';

/** What the composer asks for with "Send and archive". */
export interface ArchiveOnSend extends ArchiveOptions {
  targets: readonly ArchiveTarget[];
}

/**
 * The Send-and-archive intent as stored with the outbox row, checked before the message is queued
 * (the same rules as archiving a received mail: one to ten targets, each a row of the sender's
 * tenant, the category bounded): a message must not go out with an intent that can only fail.
 */
export async function archiveOnSendIntent(db: Db, tenantId: string, request: ArchiveOnSend): Promise<OutboxArchive> {
  const normalized = normalizeArchiveRequest(request.targets, request);
  await requireTargets(db, tenantId, normalized.targets);
  return normalized;
}
