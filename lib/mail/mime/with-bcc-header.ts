import 'server-only';
import MimeNode from 'nodemailer/lib/mime-node/index.js';

/**
 * The copy of a sent message for the Sent folder: the very bytes that went over SMTP with a Bcc
 * header added. RFC 5322 §3.6.3 leaves Bcc out of what is transmitted (nodemailer drops it, so
 * blind recipients stay blind), but the sender's own copy should say who was in Bcc, as every
 * mail client's Sent folder does. The header is encoded by nodemailer itself (MimeNode with
 * `keepBcc`: encoded words, folding), and inserted at the end of the header block, so the rest —
 * Message-ID, Date, boundaries, body — stays byte for byte what the recipients received.
 */
export function withBccHeader(raw: Buffer, bcc: string[]): Buffer {
  if (!bcc.length) return raw;
  const node = new MimeNode('text/plain', { keepBcc: true });
  node.setHeader('Bcc', bcc);
  const field = /^Bcc:.*(?:\r\n[ \t].*)*/m.exec(node.buildHeaders())?.[0];
  const end = raw.indexOf('\r\n\r\n');
  // Not a message as composeMessage builds it (no header block, or nothing to add): left as it is.
  if (!field || end < 0 || /^bcc:/im.test(raw.subarray(0, end).toString('latin1'))) return raw;
  return Buffer.concat([raw.subarray(0, end + 2), Buffer.from(`${field}\r\n`), raw.subarray(end + 2)]);
}
