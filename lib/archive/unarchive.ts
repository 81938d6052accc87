import 'server-only';
import { deleteArchiveLinks } from '../../db/queries/archived-documents.ts';
import { AppError } from '../errors.ts';
import type { ArchiveDeps } from './archive-deps.ts';
import { publishArchiveChanged } from './archive-events.ts';
import type { ArchiveTarget, ArchiveViewer } from './archive-target.ts';

/**
 * Unlinks a document from one target, or from all with `target` undefined. A document left
 * without links is deleted (its bytes too, when no other document holds them). Anyone who may
 * see a document may unarchive it: tenant-wide documents are the team's, private ones their
 * owner's. A document the viewer may not see is NOT_FOUND; a target it is not linked to changes
 * nothing. Returns whether the document is gone.
 */
export async function unarchive(
  deps: ArchiveDeps,
  viewer: ArchiveViewer,
  documentId: string,
  target?: ArchiveTarget,
): Promise<{ documentDeleted: boolean }> {
  const result = await deps.db.transaction((tx) => deleteArchiveLinks(tx, viewer, documentId, target?.id));
  if (!result) throw new AppError('NOT_FOUND', { field: 'documentId', message: 'No such archived document.' });
  if (result.removedTargets.length)
    await publishArchiveChanged(deps.bus, viewer.tenantId, {
      change: 'unarchived',
      targets: result.removedTargets,
      messageIds: result.sourceMessageId ? [result.sourceMessageId] : [],
      documentIds: [documentId],
      // Who may hear of it is who could see it: a private document's owner only.
      privateTo: result.privateTo,
    });
  return { documentDeleted: result.documentDeleted };
}
