import type { FetchMessageObject, MessageAddressObject, MessageStructureObject } from 'imapflow';
import type { NewMessageRow } from '../../db/queries/messages.ts';
import type { MailAddress } from '../../db/schema/index.ts';
import { cleanWellFormed } from '../mail/mime/parse-message.ts';

/** What the list needs, fetched for a whole batch in one round trip (phase one of the import). */
export const ENVELOPE_QUERY = {
  uid: true,
  flags: true,
  envelope: true,
  internalDate: true,
  size: true,
  bodyStructure: true,
} as const;

export interface RowContext {
  accountId: string;
  folderId: string;
  uidValidity: number;
}

/**
 * An envelope-phase `messages` row from FETCH (ENVELOPE, FLAGS, INTERNALDATE, RFC822.SIZE,
 * BODYSTRUCTURE; RFC 3501 §7.4.2): enough for the list to show the message at once, body_state
 * 'pending' until the source is parsed. Strings lose NULs (PostgreSQL cannot store them).
 */
export function envelopeToRow(message: FetchMessageObject, context: RowContext): NewMessageRow {
  const envelope = message.envelope ?? {};
  const flags = storedFlags(message.flags);
  return {
    accountId: context.accountId,
    folderId: context.folderId,
    uidValidity: context.uidValidity,
    uid: message.uid,
    messageId: envelope.messageId ? stripBrackets(cleanWellFormed(envelope.messageId)) : null,
    internalDate: validDate(message.internalDate) ?? new Date(),
    sentAt: validDate(envelope.date),
    subject: cleanWellFormed(envelope.subject ?? ''),
    from: addresses(envelope.from),
    to: addresses(envelope.to),
    cc: addresses(envelope.cc),
    bcc: addresses(envelope.bcc),
    replyTo: addresses(envelope.replyTo),
    inReplyTo: envelope.inReplyTo ? stripBrackets(cleanWellFormed(envelope.inReplyTo)) : null,
    flags,
    seen: flags.includes('\\Seen'),
    flagged: flags.includes('\\Flagged'),
    size: message.size ?? 0,
    modseq: message.modseq?.toString() ?? null,
    hasAttachments: message.bodyStructure ? hasAttachment(message.bodyStructure) : false,
    bodyState: 'pending',
  };
}

/**
 * Flags as stored: sorted (so comparing arrays compares sets), without `\Recent`, which belongs
 * to one session (RFC 3501 §2.3.2; gone in IMAP4rev2, RFC 9051) and would look like a change on
 * every reconnect.
 */
export function storedFlags(flags: Iterable<string> | undefined): string[] {
  return [...(flags ?? [])].filter((flag) => flag !== '\\Recent').sort();
}

/** A message's INTERNALDATE, or null if the server sent none or nonsense. */
export function validDate(value: Date | string | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function addresses(list: MessageAddressObject[] | undefined): MailAddress[] {
  return (list ?? [])
    .filter((a) => a.address || a.name)
    .map((a) => ({ name: cleanWellFormed(a.name ?? ''), address: cleanWellFormed(a.address ?? '') }));
}

function stripBrackets(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}

/**
 * From BODYSTRUCTURE, before the body is downloaded: a part with `Content-Disposition:
 * attachment`, or a non-text leaf that is neither inline nor part of a multipart/related (whose
 * parts are what the HTML shows). The body phase refines it from the parsed message.
 */
function hasAttachment(node: MessageStructureObject, inRelated = false): boolean {
  if (node.childNodes?.length) {
    const related = node.type.toLowerCase() === 'multipart/related';
    return node.childNodes.some((child) => hasAttachment(child, inRelated || related));
  }
  const disposition = node.disposition?.toLowerCase();
  if (disposition === 'attachment') return true;
  if (disposition === 'inline' || inRelated) return false;
  const type = node.type.toLowerCase();
  return !type.startsWith('text/') && !type.startsWith('multipart/') && type !== 'message/delivery-status';
}
