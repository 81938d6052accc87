import 'server-only';
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import addressparser from 'nodemailer/lib/addressparser';

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** Set for an inline image the HTML refers to as `cid:<contentId>`. */
  contentId?: string | null;
}

/** A message as the composer hands it over; addresses as typed ("Ann <ann@x.nl>" or bare). */
export interface OutgoingMessage {
  from: { name: string | null; address: string };
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  /** The Message-ID answered (angle brackets included), and the thread's References before it. */
  inReplyTo: string | null;
  references: string[];
  attachments: OutgoingAttachment[];
  /** Fixed when queued (the outbox's exactly-once key). */
  messageId: string;
  date: Date;
  /**
   * Keep the Bcc header in the bytes (a draft, which only its author reads). Never for what goes
   * over SMTP: RFC 5322 §3.6.3, blind recipients stay blind.
   * @default false
   */
  keepBcc?: boolean;
}

export interface ComposedMessage {
  raw: Buffer;
  /** SMTP envelope (RFC 5321): MAIL FROM and every RCPT TO, Bcc included, bare addresses. */
  envelope: { from: string; to: string[] };
}

/**
 * A new Message-ID (RFC 5322 §3.6.4) on the sender's own domain, as mail clients do: the right
 * side names who made it, and a random left side is unique without a counter.
 */
export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.split('@').pop()?.toLowerCase() || 'localhost';
  return `<${randomUUID()}@${domain}>`;
}

/**
 * Builds the message's bytes with nodemailer's composer (RFC 5322/2045–2049: encoded words,
 * quoted-printable or base64, multipart/alternative with the plain text first, multipart/related
 * for `cid:` images, multipart/mixed for attachments); no hand-made MIME. Bcc is left out of the
 * headers (unless `keepBcc`) and only kept in the envelope. In-Reply-To and References (RFC 5322 §3.6.4) thread it.
 */
export async function composeMessage(message: OutgoingMessage): Promise<ComposedMessage> {
  const references = [...message.references, ...(message.inReplyTo ? [message.inReplyTo] : [])];
  const composer = new MailComposer({
    from: message.from.name ? { name: message.from.name, address: message.from.address } : message.from.address,
    to: message.to,
    cc: message.cc,
    bcc: message.bcc,
    subject: message.subject,
    // RFC 5322 §2.3: lines end in CRLF. Normalized here so the stored bytes are exactly the bytes
    // that go over SMTP (nodemailer would convert bare LFs on the wire, not in what is stored).
    text: crlf(message.text),
    html: message.html === null ? undefined : crlf(message.html),
    inReplyTo: message.inReplyTo ?? undefined,
    // Deduplicated, order kept; RFC 5322 asks for the parent's References followed by its Message-ID.
    references: references.length ? [...new Set(references)].join(' ') : undefined,
    messageId: message.messageId,
    date: message.date,
    attachments: message.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
      ...(a.contentId ? { cid: a.contentId.replace(/^<|>$/g, ''), contentDisposition: 'inline' as const } : {}),
    })),
    // Never read a file or URL named in the input: content is always given as bytes.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const root = composer.compile();
  root.keepBcc = message.keepBcc === true;
  const raw = await new Promise<Buffer>((resolve, reject) =>
    root.build((error, bytes) => (error ? reject(error) : resolve(bytes))),
  );
  return { raw, envelope: envelopeOf(message.from.address, [...message.to, ...message.cc, ...message.bcc]) };
}

/** The SMTP envelope (RFC 5321 MAIL FROM / RCPT TO) of a message: bare addresses, each once, Bcc included. */
export function envelopeOf(from: string, recipients: string[]): ComposedMessage['envelope'] {
  const rcpt = recipients.flatMap((list) => addressparser(list, { flatten: true }).map((a) => a.address));
  return { from, to: [...new Set(rcpt.filter(Boolean))] };
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
