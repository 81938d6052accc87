import 'server-only';
import type { Db } from '../../db/client.ts';
import { findArchiveTargets } from '../../db/queries/archive-targets.ts';
import { findSenderTenant } from '../../db/queries/outbox-archive.ts';
import type { OutboxArchive } from '../../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { normalizeArchiveRequest, type ArchiveOptions, type ArchiveTarget, type NamedArchiveTarget } from './archive-target.ts';
import { requireTargets } from './require-targets.ts';

/** What the composer asks for with "Send and archive". */
export interface ArchiveOnSend extends ArchiveOptions {
  targets: readonly ArchiveTarget[];
}

/**
 * The Send-and-archive intent a composer hands over (sendMessage, and saveDraft, which keeps it for
 * Undo send and a resumed draft), checked before it is stored with the outbox row or the draft:
 * the same rules as archiving a received mail (one to ten targets, each a row of the sender's
 * tenant, the category bounded), so a message never goes out with an intent that can only fail.
 * The sender's tenant is looked up when the caller does not know it. null: send only.
 */
export async function senderArchiveIntent(
  db: Db,
  viewer: { userId: string; tenantId?: string },
  request: ArchiveOnSend | null | undefined,
): Promise<OutboxArchive | null> {
  if (!request) return null;
  const tenantId = viewer.tenantId ?? (await findSenderTenant(db, viewer.userId));
  if (!tenantId) throw new AppError('NOT_FOUND', { message: 'No such user.' });
  const normalized = normalizeArchiveRequest(request.targets, request);
  await requireTargets(db, tenantId, normalized.targets);
  return normalized;
}

/** A stored intent with its targets' names now, as the composer reopens it. */
export interface NamedArchiveOnSend {
  targets: NamedArchiveTarget[];
  category: string | null;
  visibility: OutboxArchive['visibility'];
}

/**
 * A stored intent (a draft's, an outbox message's) for the composer: each target named, one
 * deleted since (or no longer in the tenant) left out; null when none is left, so the composer
 * does not open switched on with nothing to archive to.
 */
export async function namedArchiveIntent(
  db: Db,
  tenantId: string,
  intent: OutboxArchive | null | undefined,
): Promise<NamedArchiveOnSend | null> {
  if (!intent?.targets.length) return null;
  const found = new Map((await findArchiveTargets(db, tenantId, intent.targets)).map((t) => [t.id, t]));
  const targets = intent.targets.flatMap((t) => {
    const named = found.get(t.id);
    return named && named.kind === t.kind ? [named] : [];
  });
  return targets.length ? { targets, category: intent.category, visibility: intent.visibility } : null;
}
