import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rowsOf } from './rows-of.ts';

/** A folder with messages whose source is not stored yet (body_state 'pending'). */
export interface FolderWithPendingSources {
  id: string;
  path: string;
  specialUse: string | null;
  uidValidity: number;
  pending: number;
}

/**
 * The account's folders that still have rows waiting for their source under the folder's
 * current UIDVALIDITY (rows of an older one wait for the re-mapping, remap-uid-validity.ts):
 * messages imported before sources were kept (migration 0010 sends them back to 'pending'), or
 * left by a pass that was cut short. One query per background sweep (backfill-sources.ts).
 */
export async function listFoldersWithPendingSources(db: Db, accountId: string): Promise<FolderWithPendingSources[]> {
  const rows = rowsOf<{ id: string; path: string; special_use: string | null; uid_validity: string | number; pending: number }>(
    await db.execute(sql`
      select f.id, f.path, f.special_use, f.uid_validity, count(*)::int as pending
      from mail_folders f
      join messages m on m.folder_id = f.id and m.uid_validity = f.uid_validity
      where f.account_id = ${accountId} and m.body_state = 'pending'
      group by f.id, f.path, f.special_use, f.uid_validity`),
  );
  return rows.map((r) => ({
    id: r.id,
    path: r.path,
    specialUse: r.special_use,
    uidValidity: Number(r.uid_validity),
    pending: Number(r.pending),
  }));
}
