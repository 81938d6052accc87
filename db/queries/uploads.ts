import 'server-only';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { uploads } from '../schema/index.ts';

export interface UploadInfo {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

const info = { id: uploads.id, filename: uploads.filename, contentType: uploads.contentType, size: uploads.size };

export async function insertUpload(
  db: Db,
  input: { userId: string; filename: string; contentType: string; content: Buffer },
): Promise<UploadInfo> {
  const [row] = await db
    .insert(uploads)
    .values({ ...input, size: input.content.length })
    .returning(info);
  return row!;
}

/** The user's uploads among `ids` with their bytes, in the order asked; another user's are not found. */
export async function findOwnedUploads(db: Db, userId: string, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(uploads)
    .where(and(inArray(uploads.id, ids), eq(uploads.userId, userId)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Bytes the user has uploaded and not sent yet: bounded per user like any other input. */
export async function uploadedBytes(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${uploads.size}), 0)`.mapWith(Number) })
    .from(uploads)
    .where(eq(uploads.userId, userId));
  return row?.total ?? 0;
}

export async function deleteUploads(db: Db, userId: string, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await db
    .delete(uploads)
    .where(and(inArray(uploads.id, ids), eq(uploads.userId, userId)))
    .returning({ id: uploads.id });
  return rows.length;
}

/** Uploads never sent: a composer closed without sending or discarding. */
export async function sweepOldUploads(db: Db, olderThan: Date): Promise<number> {
  const rows = await db.delete(uploads).where(lt(uploads.createdAt, olderThan)).returning({ id: uploads.id });
  return rows.length;
}
