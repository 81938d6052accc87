import 'server-only';
import type { Db } from '../../db/client.ts';
import { findArchiveTargets } from '../../db/queries/archive-targets.ts';
import { AppError } from '../errors.ts';
import type { ArchiveTarget, NamedArchiveTarget } from './archive-target.ts';

/**
 * Every target, named, if each is a row of its kind in the viewer's tenant; otherwise
 * ARCHIVE_TARGET_NOT_FOUND naming the first that is not (another tenant's id looks exactly like a
 * deleted one: nothing about other tenants leaks).
 */
export async function requireTargets(db: Db, tenantId: string, targets: readonly ArchiveTarget[]): Promise<NamedArchiveTarget[]> {
  const found = await findArchiveTargets(db, tenantId, targets);
  const byId = new Map(found.map((t) => [t.id, t]));
  const missing = targets.find((t) => byId.get(t.id)?.kind !== t.kind);
  if (missing)
    throw new AppError('ARCHIVE_TARGET_NOT_FOUND', { field: 'targets', details: { kind: missing.kind, id: missing.id } });
  return targets.map((t) => byId.get(t.id)!);
}
