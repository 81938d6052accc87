import { simpleParser } from 'mailparser';
import type { Db } from '../../db/client.ts';
import { attachments, messages } from '../../db/schema/index.ts';
import { MAIL_PARSER_OPTIONS } from '../../lib/mail/mime/mail-parser-options.ts';
import { databaseSourceStore } from '../../lib/message-store/source-store.ts';

export interface InsertedSourceMessage {
  messageId: string;
  /** One per attachment mailparser finds, in its order: the row's id and what was recorded. */
  attachments: Array<{ id: string; ordinal: number; contentHash: string; filename: string | null; content: Buffer }>;
}

/**
 * A message as it stands after source-first import and extraction (issue 9): the envelope row
 * ('done', extracted), its source in the source store, and one attachments row per attachment
 * with `ordinal` and `content_hash` and no blob — the position and SHA-256 found by parsing the
 * source with MAIL_PARSER_OPTIONS, as the extraction worker records them.
 */
export async function insertSourceMessage(
  db: Db,
  at: { accountId: string; folderId: string; uid: number },
  source: Buffer,
): Promise<InsertedSourceMessage> {
  const [message] = await db
    .insert(messages)
    .values({
      accountId: at.accountId,
      folderId: at.folderId,
      uidValidity: 1,
      uid: at.uid,
      internalDate: new Date(),
      size: source.byteLength,
      bodyState: 'done',
      extractedVersion: 1,
    })
    .returning({ id: messages.id });
  const messageId = message!.id;
  await databaseSourceStore.put(db, [{ messageId, bytes: source }]);
  const parsed = await simpleParser(source, MAIL_PARSER_OPTIONS);
  const inserted: InsertedSourceMessage['attachments'] = [];
  for (const [ordinal, a] of parsed.attachments.entries()) {
    const [row] = await db
      .insert(attachments)
      .values({
        messageId,
        filename: a.filename ?? null,
        contentType: a.contentType,
        size: a.size,
        contentId: a.cid ?? null,
        inline: a.contentDisposition === 'inline',
        ordinal,
        contentHash: a.checksum,
        blobHash: null,
      })
      .returning({ id: attachments.id });
    inserted.push({ id: row!.id, ordinal, contentHash: a.checksum, filename: a.filename ?? null, content: a.content });
  }
  return { messageId, attachments: inserted };
}
