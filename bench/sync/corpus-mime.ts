/**
 * MIME bodies for the corpus (RFC 2045–2047, 2183, 2231, 2387): text in a charset and a
 * transfer encoding, HTML alternatives, inline images referenced by Content-ID, attachments with
 * the magic bytes of their type. Everything is written with LF line ends, as Dovecot stores mail
 * in a maildir (seed-maildir.ts counts the LFs for the `W=` size).
 */
import {
  base64Lines,
  encodeHeaderValue,
  encodeText,
  MIME_CHARSET_NAME,
  quotedPrintable,
  type BenchCharset,
} from './mime-encode.ts';
import type { Prng } from './prng.ts';

export interface MimePart {
  /** Header lines of this part, without the final blank line. */
  headers: string[];
  /** Encoded body bytes (7bit/8bit text, quoted-printable or base64), or child parts. */
  body: Buffer | { subtype: string; boundary: string; parts: MimePart[] };
}

export type AttachmentKind = 'pdf' | 'jpg' | 'png' | 'gif' | 'docx' | 'xlsx' | 'zip' | 'csv';

const CONTENT_TYPES: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  csv: 'text/csv',
};

/** The first bytes of each kind, so sniffers and thumbnailers see what they expect. */
const MAGIC: Record<AttachmentKind, number[]> = {
  pdf: [...Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')],
  jpg: [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  gif: [...Buffer.from('GIF89a', 'latin1')],
  docx: [0x50, 0x4b, 0x03, 0x04],
  xlsx: [0x50, 0x4b, 0x03, 0x04],
  zip: [0x50, 0x4b, 0x03, 0x04],
  csv: [],
};

export function boundary(prng: Prng): string {
  const hex = () => prng.int(0, 0xffffff).toString(16).padStart(6, '0');
  return prng.pick(['----=_Part_', '--_000_', 'b1_', '=_alt_']) + hex() + hex() + hex();
}

/**
 * A text part in `charset`, with the transfer encoding clients typically pick for it: 7bit for
 * ASCII and ISO-2022-JP (a 7-bit encoding by design, RFC 1468), quoted-printable or 8bit for
 * Western charsets, 8bit or base64 for KOI8-R and Shift_JIS and UTF-8.
 */
export function textPart(prng: Prng, text: string, charset: BenchCharset, subtype: 'plain' | 'html'): MimePart {
  const bytes = encodeText(text, charset);
  let cte: '7bit' | '8bit' | 'quoted-printable' | 'base64';
  if (charset === 'us-ascii' || charset === 'iso-2022-jp') cte = '7bit';
  else if (charset === 'iso-8859-1' || charset === 'windows-1252') cte = prng.chance(0.8) ? 'quoted-printable' : '8bit';
  else if (charset === 'koi8-r' || charset === 'shift_jis') cte = prng.chance(0.6) ? '8bit' : 'base64';
  else
    cte = prng.weighted([
      ['quoted-printable', 6],
      ['base64', 3],
      ['8bit', 1],
    ] as const);
  // 8bit lines must stay under 998 octets (RFC 5322 §2.1.1): long HTML goes quoted-printable.
  if (cte === '8bit' && text.split('\n').some((line) => line.length > 300)) cte = 'quoted-printable';
  const body =
    cte === 'quoted-printable'
      ? Buffer.from(quotedPrintable(bytes), 'latin1')
      : cte === 'base64'
        ? Buffer.from(base64Lines(bytes), 'latin1')
        : bytes;
  const format = subtype === 'plain' && cte !== 'base64' && prng.chance(0.3) ? '; format=flowed' : '';
  return {
    headers: [
      `Content-Type: text/${subtype}; charset="${MIME_CHARSET_NAME[charset]}"${format}`,
      `Content-Transfer-Encoding: ${cte}`,
    ],
    body,
  };
}

export function multipart(prng: Prng, subtype: 'alternative' | 'related' | 'mixed', parts: MimePart[]): MimePart {
  const b = boundary(prng);
  const type =
    subtype === 'related'
      ? `multipart/related;\n\ttype="text/html";\n\tboundary="${b}"`
      : `multipart/${subtype};\n\tboundary="${b}"`;
  return { headers: [`Content-Type: ${type}`], body: { subtype, boundary: b, parts } };
}

/** Payload bytes of `size` for `kind`: the magic, then incompressible noise (CSV: real rows). */
export function attachmentBytes(prng: Prng, kind: AttachmentKind, size: number): Buffer {
  if (kind === 'csv') {
    const rows = ['date;customer;invoice;amount;currency'];
    let length = rows[0]!.length;
    while (length < size) {
      const row = `2025-${String(prng.int(1, 12)).padStart(2, '0')}-${String(prng.int(1, 28)).padStart(2, '0')};C${prng.int(1000, 9999)};INV-${prng.int(10000, 99999)};${prng.int(10, 99999)},${String(prng.int(0, 99)).padStart(2, '0')};EUR`;
      rows.push(row);
      length += row.length + 1;
    }
    return Buffer.from(rows.join('\n') + '\n', 'latin1');
  }
  const bytes = Buffer.allocUnsafe(size);
  prng.fill(bytes);
  Buffer.from(MAGIC[kind]).copy(bytes, 0);
  return bytes;
}

/**
 * A base64 attachment or inline part (RFC 2183). Non-ASCII file names are written the two ways
 * seen in the wild: RFC 2231 `filename*=` parameters (Thunderbird, Apple Mail) or RFC 2047
 * encoded-words inside quotes (Outlook, many Japanese clients), which RFC 2047 §5 forbids but
 * every parser has to accept.
 */
export function filePart(
  prng: Prng,
  bytes: Buffer,
  kind: AttachmentKind,
  filename: string,
  charset: BenchCharset,
  options: { inline?: boolean; contentId?: string } = {},
): MimePart {
  const disposition = options.inline ? 'inline' : 'attachment';
  let nameParams: { type: string; disposition: string };
  if (/^[\x20-\x7e]*$/.test(filename)) {
    nameParams = { type: `name="${filename}"`, disposition: `filename="${filename}"` };
  } else if (prng.chance(0.5)) {
    const encoded = `utf-8''${encodeURIComponent(filename)}`;
    nameParams = { type: `name*=${encoded}`, disposition: `filename*=${encoded}` };
  } else {
    const word = encodeHeaderValue(filename, charset === 'us-ascii' ? 'utf-8' : charset).replace(/\n /g, '');
    nameParams = { type: `name="${word}"`, disposition: `filename="${word}"` };
  }
  const headers = [
    `Content-Type: ${CONTENT_TYPES[kind]};\n\t${nameParams.type}`,
    `Content-Disposition: ${disposition};\n\t${nameParams.disposition}; size=${bytes.length}`,
    'Content-Transfer-Encoding: base64',
  ];
  if (options.contentId) headers.push(`Content-ID: <${options.contentId}>`);
  return { headers, body: Buffer.from(base64Lines(bytes), 'latin1') };
}

/** The part as bytes: its headers, a blank line, its body (children between boundaries, RFC 2046 §5.1.1). */
export function renderPart(part: MimePart, extraHeaders: string[] = []): Buffer {
  const head = Buffer.from([...extraHeaders, ...part.headers].join('\n') + '\n\n', 'latin1');
  if (Buffer.isBuffer(part.body)) return Buffer.concat([head, part.body, Buffer.from('\n')]);
  const chunks: Buffer[] = [head];
  if (extraHeaders.length) chunks.push(Buffer.from('This is a multi-part message in MIME format.\n\n'));
  for (const child of part.body.parts) {
    chunks.push(Buffer.from(`--${part.body.boundary}\n`), renderPart(child));
  }
  chunks.push(Buffer.from(`--${part.body.boundary}--\n`));
  return Buffer.concat(chunks);
}

const HTML_STYLE = `<style type="text/css">
body { font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 11pt; color: #1f1f1f; }
p.MsoNormal, li.MsoNormal, div.MsoNormal { margin: 0cm; font-size: 11pt; font-family: Calibri, sans-serif; }
a:link, span.MsoHyperlink { mso-style-priority: 99; color: #0563C1; text-decoration: underline; }
.signature td { padding: 2px 8px; font-size: 9pt; color: #595959; border-left: 2px solid #c00000; }
@page WordSection1 { size: 612.0pt 792.0pt; margin: 70.85pt 70.85pt 2.0cm 70.85pt; }
div.WordSection1 { page: WordSection1; }
</style>`;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An Outlook-looking HTML version of the paragraphs; `imageIds` become `<img src="cid:…">` in the signature. */
export function htmlFor(paragraphs: string[], charset: BenchCharset, imageIds: string[] = []): string {
  const body = paragraphs
    .map(
      (p) =>
        `<p class="MsoNormal">${escapeHtml(p).replace(/\n/g, '<br>\n')}<o:p></o:p></p>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>`,
    )
    .join('\n');
  const images = imageIds.map((id, i) => `<img width="120" height="40" id="Image${i}" src="cid:${id}" alt="logo">`).join('\n');
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${MIME_CHARSET_NAME[charset]}">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
${HTML_STYLE}
</head>
<body lang="EN-US" link="#0563C1" vlink="#954F72">
<div class="WordSection1">
${body}
<table class="signature"><tr><td>${images}</td><td>Phone +49 30 1234567<br>www.example.com</td></tr></table>
</div>
</body>
</html>
`;
}

/** A marketing newsletter's HTML: many table blocks, 20–70 KB, the kind that dominates HTML bytes. */
export function newsletterHtml(prng: Prng, paragraphs: string[], charset: BenchCharset): string {
  const blocks: string[] = [];
  for (let i = prng.int(15, 45); i > 0; i--) {
    const p = escapeHtml(prng.pick(paragraphs));
    blocks.push(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;margin:0 auto;background:#ffffff">
<tr><td style="padding:24px 32px 8px 32px;font-family:Helvetica,Arial,sans-serif;font-size:20px;font-weight:bold;color:#111111">${p.slice(0, 60)}</td></tr>
<tr><td style="padding:0 32px 16px 32px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:22px;color:#444444">${p}</td></tr>
<tr><td style="padding:0 32px 32px 32px"><a href="https://news.example.com/c/${prng.int(1e5, 1e6)}?utm_source=newsletter&amp;utm_medium=email" style="background:#0a66c2;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-family:Helvetica,Arial,sans-serif">Read more</a></td></tr>
</table>`);
  }
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=${MIME_CHARSET_NAME[charset]}"><meta name="viewport" content="width=device-width"></head>
<body style="margin:0;padding:0;background:#f2f2f2">
${blocks.join('\n')}
<p style="font-size:11px;color:#999999;text-align:center">You receive this e-mail because you subscribed. <a href="https://news.example.com/unsubscribe">Unsubscribe</a></p>
</body></html>
`;
}
