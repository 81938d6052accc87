import 'server-only';
import contentDisposition from 'content-disposition';
import { safeAttachmentName } from '../mail/mime/safe-attachment-name.ts';

/**
 * Types a browser would run script in, or parse as a document, if anything ever showed the bytes
 * inline: served as application/octet-stream instead (issue 8, item 19). The sandbox CSP and
 * `attachment` disposition below already keep them from rendering; this is the second lock.
 */
const ACTIVE_TYPE =
  /^(?:text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|[a-z]+\/[a-z0-9.+-]*(?:javascript|ecmascript)|text\/xsl|application\/xslt\+xml|multipart\/.*|message\/.*)$/;
/** RFC 6838 §4.2 type/subtype names; anything else (parameters, CR/LF, junk) is not sent on. */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/**
 * The headers of an attachment download: the sanitized name (safeAttachmentName) as RFC 6266
 * Content-Disposition, `attachment` always, with an ASCII `filename` for old clients and
 * `filename*=UTF-8''…` (RFC 8187) whenever the name is not plain ASCII; the stored type unless it is
 * active content; and nothing a browser could sniff, render, frame or cache for someone else.
 */
export function attachmentResponseHeaders(attachment: {
  filename: string | null;
  contentType: string;
  size: number;
}): Record<string, string> {
  const name = safeAttachmentName(attachment.filename);
  return {
    'content-type': servedContentType(attachment.contentType),
    'content-length': String(attachment.size),
    'content-disposition': contentDisposition(name, { type: 'attachment', fallback: asciiFallback(name) }),
    'x-content-type-options': 'nosniff',
    // An opened download is a unique origin with no script, no forms, no plugins (CSP 3 sandbox).
    'content-security-policy': "sandbox; default-src 'none'",
    'cache-control': 'private, no-store',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/** The stored type, as `type/subtype` only, unless it is active content or not a type at all. */
export function servedContentType(stored: string): string {
  const type = stored.split(';', 1)[0]!.trim().toLowerCase();
  return MEDIA_TYPE.test(type) && !ACTIVE_TYPE.test(type) ? type : 'application/octet-stream';
}

/**
 * The name in printable ASCII for `filename=`: accents dropped ("Müller" → "Muller"), every other
 * non-ASCII character and the quote and backslash (which would need escaping) become "_".
 */
export function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return ascii.replace(/_+/g, '_');
}
