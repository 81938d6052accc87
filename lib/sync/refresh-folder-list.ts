import type { ImapFlow, ListResponse, StatusQuery } from 'imapflow';
import { reconcileFolders } from '../../db/queries/messages.ts';
import type { MailFolder } from '../../db/schema/index.ts';
import type { FolderSyncContext } from './folder-sync-context.ts';
import { publishMailboxEvent } from './sync-events.ts';

/**
 * LIST (with STATUS per folder when `statusQuery` is given: LIST-STATUS, RFC 5819, where offered),
 * then makes `mail_folders` match it: new folders added (RFC 6154 special-use marks kept), gone
 * ones removed, each folder's hierarchy delimiter kept (folder names are checked against it).
 * Publishes FOLDERS_CHANGED when anything changed, and says so.
 */
export async function refreshFolderList(
  ctx: Pick<FolderSyncContext, 'db' | 'bus' | 'accountId'>,
  client: ImapFlow,
  statusQuery?: StatusQuery,
): Promise<{ listed: ListResponse[]; folders: MailFolder[]; changed: boolean }> {
  const listed = await client.list(statusQuery ? { statusQuery } : {});
  const { folders, changed } = await reconcileFolders(
    ctx.db,
    ctx.accountId,
    listed.map((entry) => ({
      path: entry.path,
      name: entry.name,
      specialUse: entry.specialUse ?? null,
      delimiter: entry.delimiter || null,
    })),
  );
  if (changed) {
    await publishMailboxEvent(ctx.bus, {
      accountId: ctx.accountId,
      kind: 'FOLDERS_CHANGED',
      folderId: null,
      messageIds: [],
      counts: null,
    });
  }
  return { listed, folders, changed };
}
