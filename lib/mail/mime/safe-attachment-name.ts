import 'server-only';
import sanitizeFilename from 'sanitize-filename';

/** What a download is called when nothing of the sender's name survives. */
export const FALLBACK_ATTACHMENT_NAME = 'attachment';

/**
 * Bound on the UTF-8 bytes of a served name: below the 255 bytes most file systems allow, with
 * room for the " (1)" a browser adds to a second download. @default 200
 */
export const MAX_ATTACHMENT_NAME_BYTES = 200;

/** An extension longer than this is part of the name, not an extension (e.g. "report.final-version-2"). */
const MAX_EXTENSION_BYTES = 16;

// C0, DEL, C1 controls (CR/LF make header injection, the rest garble what the user sees) and the
// invisible format characters that reorder or hide text: bidi overrides and isolates turn
// "invoice\u202Efdp.exe" into a name that reads "invoice" + "exe.pdf" (CVE-style RLO spoofing),
// zero-width characters and the BOM hide differences between names.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\.|$)/i;

/**
 * The file name an attachment is offered under, from whatever the sender's MIME headers said
 * (stored raw: `../../etc/passwd`, `C:\Windows\…`, CR/LF, 1,000 characters, HTML). Issue 8, item 19.
 *
 * - only the last path component, for `/` and `\` alike (RFC 6266 §4.3: recipients must not
 *   use directory information);
 * - no control, bidi-override or zero-width characters; whitespace runs become one space;
 * - no characters Windows refuses (`<>:"/\|?*`), no reserved device names (`CON`, `nul.txt`: kept,
 *   prefixed with `_`), no leading dots (hidden files), no trailing dots or spaces
 *   (sanitize-filename, a maintained implementation of those rules);
 * - at most MAX_ATTACHMENT_NAME_BYTES of UTF-8, cut on a character boundary, keeping the extension;
 * - empty after all that: "attachment".
 *
 * Pure; the result is still Unicode: Content-Disposition encodes it (RFC 6266 filename*).
 */
export function safeAttachmentName(raw: string | null | undefined): string {
  let name = (raw ?? '').normalize('NFC').replace(INVISIBLE, ' ');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  // Bounded first: sanitize-filename cuts at 255 bytes itself, extension and all; it only removes.
  name = sanitizeFilename(boundBytes(name, MAX_ATTACHMENT_NAME_BYTES), { replacement: '' }).trim();
  return name || FALLBACK_ATTACHMENT_NAME;
}

/** Cuts the stem so the whole name fits in `max` UTF-8 bytes; a short extension survives. */
function boundBytes(name: string, max: number): string {
  if (Buffer.byteLength(name) <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && Buffer.byteLength(name.slice(dot)) <= MAX_EXTENSION_BYTES ? name.slice(dot) : '';
  const stem = cutToBytes(extension ? name.slice(0, dot) : name, max - Buffer.byteLength(extension));
  // The cut may leave a trailing space or dot before the extension: Windows refuses those too.
  return stem.replace(/[. ]+$/, '') + extension;
}

/** The longest prefix of whole code points within `max` UTF-8 bytes. */
function cutToBytes(text: string, max: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > max) break;
    end += char.length;
  }
  return text.slice(0, end);
}
