import 'server-only';
import { findArchivedDocument, readArchiveBlob } from '../../db/queries/archived-documents.ts';
import type { Db } from '../../db/client.ts';
import { parseMessage } from '../mail/mime/parse-message.ts';
import { oneAtATime } from '../one-at-a-time.ts';
import type { ArchiveViewer } from './archive-target.ts';

const oneParseAtATime = oneAtATime();

export interface ArchivedDocumentBody {
  /** As the sender wrote it: the client renders it only through the reader's sanitizer. */
  html: string | null;
  text: string | null;
}

/**
 * The body of an archived message, parsed from its stored .eml (the CRM's own copy: it opens
 * after the mailbox is gone). Null for an attachment, or a document the viewer may not see. The
 * reader sanitizes the HTML as it does a mailbox message's; nothing here trusts it.
 *
 * One parse at a time per process, as attachment cuts (read-attachment-bytes.ts): the whole
 * source is in memory while it is parsed, and many requests at once must not each hold one.
 */
export async function archivedDocumentBody(db: Db, viewer: ArchiveViewer, id: string): Promise<ArchivedDocumentBody | null> {
  const document = await findArchivedDocument(db, viewer, id);
  if (!document || document.kind !== 'message') return null;
  return oneParseAtATime(async () => {
    const source = await readArchiveBlob(db, document.blobHash);
    if (!source) return null;
    const parsed = await parseMessage(source);
    return { html: parsed.html, text: parsed.text };
  });
}
