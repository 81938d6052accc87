import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type { MessageExtraction } from '../../../db/queries/message-extraction.ts';
import { findMimeProblems } from './find-mime-problems.ts';
import { MAIL_PARSER_OPTIONS } from './mail-parser-options.ts';

/**
 * What the extraction worker derives from a stored source (db/queries/message-extraction.ts
 * MessageExtraction, less the row id); the list columns came from ENVELOPE at import. Attachments
 * are an index, not bytes: position (`ordinal`, how the download cuts them from the source),
 * SHA-256 of the content, name, type, size; `inline` ones are shown in the body (`cid:` images),
 * not listed. `parseError` says why the message is damaged or could not be parsed; null when fine.
 */
export type ParsedMessage = Omit<MessageExtraction, 'id'>;
export type ParsedAttachment = ParsedMessage['attachments'][number];

/** @default 200 characters: two lines of a message list. */
export const SNIPPET_LENGTH = 200;

/**
 * Parses a raw RFC 5322 message with mailparser. Never rejects: a message mailparser cannot read
 * comes back with `parseError` set and empty bodies, so one bad message never stalls extraction.
 * Runs inside the parse worker threads (parse-worker.ts), so it imports nothing server-side at
 * run time (the import of MessageBodyWrite is a type only, erased).
 */
export async function parseMessage(source: Uint8Array): Promise<ParsedMessage> {
  const raw = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  const contentHash = createHash('sha256').update(raw).digest('hex');
  const problems = findMimeProblems(raw);
  try {
    const mail = await simpleParser(raw, MAIL_PARSER_OPTIONS);
    const attachments: ParsedAttachment[] = mail.attachments.map((a, ordinal) => ({
      ordinal,
      filename: a.filename ? clean(a.filename) : null,
      contentType: a.contentType || 'application/octet-stream',
      size: a.content.length,
      contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
      inline: Boolean(a.related || (a.contentDisposition === 'inline' && a.contentId)),
      hash: a.checksum,
    }));
    const text = mail.text ? clean(mail.text) : null;
    const html = typeof mail.html === 'string' ? clean(mail.html) : null;
    const references = typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []);
    return {
      contentHash,
      text,
      html,
      snippet: snippetOf(text, html),
      references: references.map((r) => clean(r).replace(/^<|>$/g, '')),
      attachments,
      hasAttachments: attachments.some((a) => !a.inline),
      parseError: problems.length ? sentences(problems) : null,
    };
  } catch (error) {
    problems.unshift(`the message could not be parsed: ${(error as Error).message}`);
    return {
      contentHash,
      text: null,
      html: null,
      snippet: '',
      references: [],
      attachments: [],
      hasAttachments: false,
      parseError: sentences(problems),
    };
  }
}

/** The findings as one text, each sentence once (issue 8, item 18: one message said the same thing twice). */
function sentences(problems: string[]): string {
  return [...new Set(problems)].join('; ');
}

/** PostgreSQL text and jsonb cannot hold NUL; a message containing one must still be stored. */
export function clean(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

/**
 * `clean`, and lone UTF-16 surrogates (e.g. a `=?UTF-16LE?B?…?=` subject cut in half) become
 * U+FFFD: batches go to PostgreSQL as JSON, which refuses such a string, and with it the whole
 * batch. Used for envelope fields, whose batch has no per-message fallback. Bodies get it only
 * when their write failed (extraction-worker.ts): mailparser's decoders already replace lone surrogates,
 * and applied to every body the bench corpus import took 27 s instead of 23 s in an A/B run (within
 * this machine's spread, so unproven, but nothing needed it there).
 */
export function cleanWellFormed(value: string): string {
  const text = clean(value) as string & { isWellFormed(): boolean; toWellFormed(): string };
  return text.isWellFormed() ? text : text.toWellFormed();
}

/** Every string of a parsed message through cleanWellFormed: for the retry of a write that failed (it costs). */
export function wellFormedExtraction<T extends ParsedMessage>(item: T): T {
  const fix = (value: string | null) => (value === null ? null : cleanWellFormed(value));
  return {
    ...item,
    text: fix(item.text),
    html: fix(item.html),
    snippet: cleanWellFormed(item.snippet),
    references: item.references.map(cleanWellFormed),
    parseError: fix(item.parseError),
    attachments: item.attachments.map((a) => ({ ...a, filename: fix(a.filename), contentId: fix(a.contentId) })),
  };
}

/** The first words a person wrote: quoted lines and the signature (after `-- `) are left out. */
function snippetOf(text: string | null, html: string | null): string {
  let body = text;
  if (!body && html) body = htmlToRoughText(html);
  if (!body) return '';
  const own: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    if (line === '-- ' || line === '--') break; // RFC 3676 §4.3 signature separator
    if (!line.startsWith('>')) own.push(line);
  }
  return own.join(' ').replace(/\s+/g, ' ').trim().slice(0, SNIPPET_LENGTH);
}

/** Good enough for a snippet; the reader renders the real HTML. */
function htmlToRoughText(html: string): string {
  return html
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'");
}
