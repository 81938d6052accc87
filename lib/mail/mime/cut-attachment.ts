import 'server-only';
import { Readable } from 'node:stream';
import { MailParser, type AttachmentStream, type MessageText } from 'mailparser';
import { AppError } from '../../errors.ts';
import { MAIL_PARSER_OPTIONS } from './mail-parser-options.ts';

/** Which attachment to cut: as the extractor recorded it in the attachments row. */
export interface AttachmentLocation {
  /** Position among the attachments mailparser returns with MAIL_PARSER_OPTIONS. */
  ordinal: number;
  /** SHA-256 (hex) of the decoded content. */
  contentHash: string;
}

/**
 * The decoded bytes of one attachment, cut from a stored message source (issue 9: attachments
 * are cut from the source on demand).
 *
 * The content hash is the proof, the ordinal only where it is expected: bytes whose SHA-256 is not
 * `contentHash` are never returned. Equal hashes are equal bytes, so the first attachment with the
 * expected hash is the answer wherever it sits — the recorded position, or another one when a
 * parser upgrade reordered the parts. None: `ATTACHMENT_NOT_IN_SOURCE` (the attachment index no
 * longer matches what this parser reads; re-extraction rebuilds it).
 *
 * Memory: mailparser streams (not simpleParser, which buffers every attachment at once): each
 * attachment's chunks are held only until its hash is known, so beside the source there is at most
 * one attachment in memory (plus the one returned). Parsing stops at the match: the parts after it
 * are not decoded.
 */
export async function cutAttachment(source: Buffer, wanted: AttachmentLocation): Promise<Buffer> {
  const parser = new MailParser(MAIL_PARSER_OPTIONS);
  feed(parser, source);
  let index = 0;
  const seen: string[] = [];
  try {
    for await (const data of parser as AsyncIterable<AttachmentStream | MessageText>) {
      if (data.type !== 'attachment') continue;
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of data.content as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        length += chunk.length;
      }
      // checksum is set when the content stream ends (mailparser's StreamHash, sha256 by the options).
      data.release?.();
      if (data.checksum === wanted.contentHash) return Buffer.concat(chunks, length);
      if (seen.length < 20) seen.push(`${index}:${data.checksum?.slice(0, 12)}`);
      index++;
    }
  } catch (error) {
    throw notInSource(wanted, `the source could not be parsed: ${String(error)}`, error);
  } finally {
    // Returning from inside the loop already destroyed the parser; this covers a throw.
    parser.destroy();
  }
  throw notInSource(wanted, `${index} attachments parsed, none with that hash (${seen.join(' ') || 'none'})`);
}

function notInSource(wanted: AttachmentLocation, why: string, cause?: unknown): AppError {
  return new AppError('ATTACHMENT_NOT_IN_SOURCE', {
    cause,
    details: { ordinal: wanted.ordinal, contentHash: wanted.contentHash, why },
  });
}

/** Bytes handed to the parser at a time. @default 256 KiB */
const FEED_SLICE = 256 * 1024;

/**
 * Pipes the source in slices, as the parser drains them: one `end(source)` of a 20 MB message is
 * parsed in one go and blocks the event loop for ~400 ms (measured; the same process answers
 * GraphQL and runs the sync); in slices the longest block was 30–50 ms. `pipe` stops feeding when
 * the parser is destroyed (the match was found, or an error).
 */
function feed(parser: MailParser, source: Buffer): void {
  Readable.from(slices(source), { objectMode: false }).pipe(parser);
}

function* slices(source: Buffer): Generator<Buffer> {
  for (let start = 0; start < source.length; start += FEED_SLICE) yield source.subarray(start, start + FEED_SLICE);
}
