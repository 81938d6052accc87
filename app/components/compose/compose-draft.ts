import type { MailtoDraft } from '../../../lib/compose/parse-mailto';
import type { ComposeMode } from './compose-target';
import type { KeptArchive } from './send-archive-queries';
import { escapeHtml, forwardedHtml, quotedReplyHtml, type OriginalBody } from './quote-original';
import { formatRecipient, replyRecipients, type AddressView } from './reply-recipients';
import { forwardSubject, replySubject } from './reply-subject';
import { htmlWithUploadUrls, type InlineUpload } from './html-with-cids';
import { uploadUrl, type UploadedFile } from './upload-file';
import type { KeptInlineImage } from './use-attachments';

/** What the composer opens with; also what Undo send and Edit in the Outbox reopen it with. */
export interface ComposeDraft {
  /** The From account; null: the default account. */
  accountId: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string;
  replyToMessageId: string | null;
  forwardMessageId: string | null;
  forwardAsAttachment: boolean;
  /** The forwarded message's attachments, carried by the server (forwardMessageId). */
  forwardedAttachments: Array<{ filename: string | null; size: number }>;
  /** Files to attach when the composer opens (kept in the page after Undo send; uploaded anew). */
  files: File[];
  /** Images pasted into the text, kept likewise after Undo send (the HTML shows them by `src`). */
  inlineFiles?: KeptInlineImage[];
  /** Attachments already uploaded (a resumed draft's files, which draftFromMessage uploads). */
  uploads: UploadedFile[];
  /** Inline images already uploaded (a resumed draft's), shown in the HTML from `src`. */
  inlineUploads?: InlineUpload[];
  /** The saved draft this continues (saveDraft), sent along so the server removes it. */
  draftId: string | null;
  /** An Outbox message being edited: removed once the new one is accepted. */
  outboxId: string | null;
  /**
   * The body is the person's as they left it (a resumed draft, a message reopened after Undo
   * send): no signature is added to it (signature.ts).
   */
  keepsBody?: boolean;
  /**
   * Send and archive as it was switched on (a resumed draft, Undo send, Edit in the Outbox): the
   * composer opens with it on, these targets taken as the person's own choice. Absent: off, or as
   * the answered message suggests.
   */
  archive?: KeptArchive | null;
}

export const EMPTY_DRAFT: ComposeDraft = {
  accountId: null,
  to: [],
  cc: [],
  bcc: [],
  subject: '',
  html: '',
  replyToMessageId: null,
  forwardMessageId: null,
  forwardAsAttachment: false,
  forwardedAttachments: [],
  files: [],
  uploads: [],
  draftId: null,
  outboxId: null,
};

/** The original message as the composer needs it (the reader's MessageDetail has all of it). */
export interface OriginalMessage {
  id: string;
  accountId: string;
  subject: string;
  from: AddressView[];
  replyTo: AddressView[];
  to: AddressView[];
  cc: AddressView[];
  attachments: Array<{ filename: string | null; size: number }>;
}

/** Translated words the draft needs, chosen by the caller in the page's language. */
export interface QuoteWords {
  /** "On <date>, <name> wrote:" */
  intro: string;
  forwardTitle: string;
  labels: { from: string; date: string; subject: string; to: string; cc: string };
  /** The original's date, formatted. */
  date: string;
}

/** A reply, reply all or forward of `message`, from the account that received it. */
export function draftFromMessage(
  message: OriginalMessage,
  mode: Exclude<ComposeMode, 'new'>,
  ownAddresses: readonly string[],
  words: QuoteWords,
  body: OriginalBody,
): ComposeDraft {
  const base = { ...EMPTY_DRAFT, accountId: message.accountId };
  if (mode === 'forward') {
    const list = (a: AddressView[]) => a.map(formatRecipient).join(', ');
    return {
      ...base,
      subject: forwardSubject(message.subject),
      html: forwardedHtml(
        words.forwardTitle,
        [
          [words.labels.from, list(message.from)],
          [words.labels.date, words.date],
          [words.labels.subject, message.subject],
          [words.labels.to, list(message.to)],
          [words.labels.cc, list(message.cc)],
        ],
        body,
      ),
      forwardMessageId: message.id,
      forwardedAttachments: message.attachments,
    };
  }
  const { to, cc } = replyRecipients(message, mode, ownAddresses);
  return {
    ...base,
    to,
    cc,
    subject: replySubject(message.subject),
    html: quotedReplyHtml(words.intro, body),
    replyToMessageId: message.id,
  };
}

/** A mailto link's fields (parseMailto); addresses it could not read come along to be shown as invalid. */
export function draftFromMailto(mailto: MailtoDraft): ComposeDraft {
  const paragraphs = mailto.body ? mailto.body.split('\n').map((line) => `<p>${escapeHtml(line)}</p>`) : [];
  return {
    ...EMPTY_DRAFT,
    to: [...mailto.to, ...mailto.invalid],
    cc: mailto.cc,
    bcc: mailto.bcc,
    subject: mailto.subject,
    html: paragraphs.join(''),
  };
}

/** What draftFromMessage gives back for a message in a Drafts folder. */
export interface StoredDraftContent {
  accountId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string | null;
  text: string;
  draftId: string | null;
  attachments: UploadedFile[];
  /** Images its HTML shows as `cid:<contentId>`, uploaded anew. */
  inlineImages?: Array<{ contentId: string; upload: UploadedFile }>;
  /** Send and archive as our draft keeps it. */
  archive?: KeptArchive | null;
}

/** A draft from the Drafts folder (ours or another client's) as the composer opens it. */
export function draftFromStored(stored: StoredDraftContent): ComposeDraft {
  // The editor shows a saved inline image from its upload; saving or sending names it cid: again.
  const inline = (stored.inlineImages ?? []).map(({ contentId, upload }) => ({ contentId, upload, src: uploadUrl(upload.id) }));
  return {
    ...EMPTY_DRAFT,
    accountId: stored.accountId,
    to: stored.to,
    cc: stored.cc,
    bcc: stored.bcc,
    subject: stored.subject,
    html:
      stored.html !== null
        ? htmlWithUploadUrls(stored.html, inline)
        : stored.text
            .split('\n')
            .map((line) => `<p>${escapeHtml(line)}</p>`)
            .join(''),
    draftId: stored.draftId,
    uploads: stored.attachments,
    inlineUploads: inline,
    keepsBody: true,
    archive: stored.archive ?? null,
  };
}
