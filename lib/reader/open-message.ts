import 'server-only';
import type { Db } from '../../db/client.ts';
import {
  findUserMessage,
  listReaderAttachments,
  type MessageDetailRow,
  type ReaderAttachmentRow,
} from '../../db/queries/message-detail.ts';
import { storeExtractions, waitForRowWriters } from '../../db/queries/message-extraction.ts';
import type { MailAddress } from '../../db/schema/index.ts';
import type { UrlSigner } from '../crypto/signed-url.ts';
import { EXTRACT_VERSION } from '../message-store/extract-version.ts';
import { parseMessage } from '../mail/mime/parse-message.ts';
import { databaseSourceStore, type SourceStore } from '../message-store/source-store.ts';
import { findRemoteContent } from './find-remote-content.ts';
import { readerUrls } from './reader-urls.ts';
import { previewable } from './previewable.ts';
import { isRasterImageType } from './sniff-image-type.ts';

/** One message as the reader shows it (GraphQL MessageDetail). */
export interface MessageDetail {
  id: string;
  accountId: string;
  folderId: string;
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  replyTo: MailAddress[];
  sentAt: Date | null;
  receivedAt: Date;
  seen: boolean;
  flagged: boolean;
  /** As the sender wrote it: decoded, NOT sanitized (the browser sanitizes it with DOMPurify). */
  html: string | null;
  /** format=flowed already joined (mailparser, RFC 3676). */
  text: string | null;
  attachments: Array<{
    id: string;
    filename: string | null;
    contentType: string;
    size: number;
    url: string;
    /** A signed inline URL for a small raster image (previewable), else null. */
    previewUrl: string | null;
  }>;
  inlineImages: Array<{ contentId: string; url: string }>;
  remoteImages: Array<{ original: string; proxied: string }>;
  sourceUrl: string | null;
  parseError: string | null;
}

export interface OpenMessageDeps {
  db: Db;
  signer: UrlSigner;
  /** @default the database source store */
  sources?: SourceStore;
  /** Told when this opening extracted the message (the list can show its snippet); errors are its own. */
  extracted?: (message: { id: string; accountId: string; folderId: string }) => void;
}

/** `/api/attachments/<id>`: the cookie-authenticated download of issue 8 (lib/server/attachment-download.ts). */
const attachmentUrl = (id: string) => `/api/attachments/${id}`;

/**
 * One of the user's messages for the reader, or null when it is not theirs (or gone).
 *
 * Bodies come from message_bodies when the extraction worker has reached the message at the current
 * EXTRACT_VERSION. Otherwise the stored source is parsed now and the extraction stored as the worker
 * would (storeExtractions: one writer wins, a row the worker holds is skipped), so the attachment
 * rows the download and inline routes need exist from this moment on. A message whose source is
 * not stored yet ('pending') shows whatever bodies are stored (none, usually): the sync is fetching it.
 *
 * Parts: an inline part referenced from the HTML as `cid:` and of a raster image type is an inline
 * image (a signed URL the sandboxed iframe may load); every other part is listed as an attachment,
 * inline or not, so nothing the sender sent is hidden. Remote references in the HTML
 * (findRemoteContent) each get a signed image-proxy URL; nothing is fetched until the user asks.
 */
export async function openMessage(deps: OpenMessageDeps, userId: string, messageId: string): Promise<MessageDetail | null> {
  const row = await findUserMessage(deps.db, userId, messageId);
  if (!row) return null;
  const body = row.bodyState === 'done' && row.extractedVersion < EXTRACT_VERSION ? await extractNow(deps, row) : row;
  const parts = await listReaderAttachments(deps.db, row.id);
  const urls = readerUrls(deps.signer, userId, row.id);
  const found = body.html ? findRemoteContent(body.html) : { remote: [], cids: [] };
  const referenced = new Set(found.cids.map(normalizeContentId));
  const shownInline = (part: ReaderAttachmentRow) =>
    part.inline &&
    part.contentId !== null &&
    referenced.has(normalizeContentId(part.contentId)) &&
    isRasterImageType(part.contentType);
  return {
    id: row.id,
    accountId: row.accountId,
    folderId: row.folderId,
    subject: row.subject,
    from: row.from,
    to: row.to,
    cc: row.cc,
    bcc: row.bcc,
    replyTo: row.replyTo,
    sentAt: row.sentAt,
    receivedAt: row.internalDate,
    seen: row.seen,
    flagged: row.flagged,
    html: body.html,
    text: body.text,
    attachments: parts
      .filter((part) => !shownInline(part))
      .map(({ id, filename, contentType, size }) => ({
        id,
        filename,
        contentType,
        size,
        url: attachmentUrl(id),
        previewUrl: previewable({ contentType, size }) ? urls.inline(id) : null,
      })),
    inlineImages: parts.filter(shownInline).map((part) => ({ contentId: part.contentId!, url: urls.inline(part.id) })),
    remoteImages: found.remote.map(({ original, url }) => ({ original, proxied: urls.imageProxy(url) })),
    sourceUrl: row.bodyState === 'done' ? urls.source() : null,
    parseError: body.parseError,
  };
}

/** Parses the stored source and stores the extraction; returns the bodies and parse error to show. */
async function extractNow(
  deps: OpenMessageDeps,
  row: MessageDetailRow,
): Promise<{ html: string | null; text: string | null; parseError: string | null }> {
  const source = await (deps.sources ?? databaseSourceStore).get(deps.db, row.id);
  if (!source) return row;
  const parsed = await parseMessage(source);
  const written = await storeExtractions(deps.db, EXTRACT_VERSION, [{ id: row.id, ...parsed }]);
  if (written.length) deps.extracted?.(row);
  // The extraction worker held the row (it is storing the same extraction right now): wait for
  // its commit, so the attachment rows read next are there (else the reader showed none).
  else await waitForRowWriters(deps.db, row.id);
  return parsed;
}

/** Content-IDs compare without angle brackets and case-insensitively (RFC 2392 `cid:` URLs are %-encoded message ids). */
function normalizeContentId(id: string): string {
  return id.replace(/^<|>$/g, '').toLowerCase();
}
