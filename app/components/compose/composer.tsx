'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import './composer.css';
import { attachmentLimit } from '../../../lib/compose/attachment-limit';
import { htmlWithCids } from './html-with-cids';
import { AttachmentField } from './attachment-field';
import { MAX_RECIPIENTS, MAX_SUBJECT_CHARS } from './compose-limits';
import type { ComposeDraft } from './compose-draft';
import type { ComposeInput } from './compose-queries';
import { chipsFromList, type RecipientChip } from './recipient-chips';
import { RecipientField } from './recipient-field';
import { BodyEditor, EditorToolbar, useBodyEditor } from './rich-text-editor';
import { SendLater } from './send-later';
import { SendAndArchive } from './send-and-archive';
import { archiveInput, draftArchiveInput, useSendArchive } from './use-send-archive';
import { needsSignature, withSignature } from './signature';
import { useAttachments } from './use-attachments';
import { useAutosave } from './use-autosave';
import { useSignatureSwap } from './use-signature-swap';

export interface SendRequest {
  input: ComposeInput;
  /** Scheduled send; null: now (after the undo delay). */
  sendAt: Date | null;
  /** What the composer held, to reopen it with (Undo). */
  draft: ComposeDraft;
}

export interface ComposerAccount {
  id: string;
  email: string;
  isDefault: boolean;
  /** Put below a `-- ` line in a new message, reply or forward from this account. */
  signatureHtml?: string | null;
  /** RFC 1870 SIZE of its SMTP server (bytes); null: not announced. */
  maxMessageSize?: number | null;
}

/**
 * The composer (issue 11): a modal dialog over the inbox (full screen on a phone) with From,
 * To/Cc/Bcc chips, Subject, the rich-text body and attachments (picker, drop, paste). Send
 * (Ctrl/Cmd+Enter) checks everything first and says what blocks it; Send later schedules;
 * Discard closes without sending. The parent sends and shows the undo line.
 */
export function Composer({
  draft,
  accounts,
  title,
  onSend,
  onClose,
}: {
  draft: ComposeDraft;
  accounts: ComposerAccount[];
  title: string;
  /** Resolves to a problem to show, or null when the message was accepted. */
  onSend: (request: SendRequest) => Promise<string | null>;
  onClose: () => void;
}) {
  const t = useTranslations('compose');
  const tArchive = useTranslations('sendArchive');
  const format = useFormatter();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const fallbackAccount = accounts.find((a) => a.isDefault) ?? accounts[0];
  const [accountId, setAccountId] = useState(
    accounts.some((a) => a.id === draft.accountId) ? draft.accountId! : (fallbackAccount?.id ?? ''),
  );
  const [to, setTo] = useState<RecipientChip[]>(() => chipsFromList(draft.to));
  const [cc, setCc] = useState<RecipientChip[]>(() => chipsFromList(draft.cc));
  const [bcc, setBcc] = useState<RecipientChip[]>(() => chipsFromList(draft.bcc));
  const [showCc, setShowCc] = useState(draft.cc.length > 0);
  const [showBcc, setShowBcc] = useState(draft.bcc.length > 0);
  const [subject, setSubject] = useState(draft.subject);
  const [asAttachment, setAsAttachment] = useState(draft.forwardAsAttachment);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const sendArchive = useSendArchive(
    draft.replyToMessageId ?? draft.forwardMessageId ?? null,
    [...to, ...cc, ...bcc].filter((c) => c.valid).map((c) => c.text),
    draft.archive,
  );
  const dirty = useRef(false);
  // Files up to 25 MiB, or what the From account's SMTP server takes (checked again when queued).
  const fileLimit = attachmentLimit(accounts.find((a) => a.id === accountId)?.maxMessageSize);
  const attachments = useAttachments(draft.files, draft.uploads, fileLimit, draft.inlineFiles, accountId, draft.inlineUploads);
  // Declared before the editor (whose changes it hears); reads the fields when it saves.
  const autosave = useAutosave(draft.draftId, () => currentInput());
  const markDirty = () => {
    dirty.current = true;
    autosave.changed();
  };
  // A new message, reply or forward starts with the From account's signature (signature.ts).
  const [initialHtml] = useState(() =>
    needsSignature(draft) ? withSignature(draft.html, accounts.find((a) => a.id === accountId)?.signatureHtml) : draft.html,
  );
  const editor = useBodyEditor(initialHtml, t('body'), t('bodyPlaceholder'), markDirty, (files) => {
    markDirty();
    return attachments.addPasted(files);
  });
  const swapSignature = useSignatureSwap(editor, Boolean(draft.replyToMessageId || draft.forwardMessageId));

  useEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return;
    element.showModal();
    // showModal focuses the first control (Close); the person starts at To, or at Subject when
    // the recipients are already there (a reply, a mailto link).
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);
  // A reply starts in the text, above the quote (the editor exists only after the first render).
  const focusedReply = useRef(false);
  useEffect(() => {
    if (!editor || !draft.replyToMessageId || focusedReply.current) return;
    focusedReply.current = true;
    editor.commands.focus('start');
  }, [editor, draft.replyToMessageId]);

  const collect = (): ComposeDraft => ({
    accountId,
    to: to.map((c) => c.text),
    cc: cc.map((c) => c.text),
    bcc: bcc.map((c) => c.text),
    subject,
    html: editor?.getHTML() ?? draft.html,
    replyToMessageId: draft.replyToMessageId,
    forwardMessageId: draft.forwardMessageId,
    forwardAsAttachment: asAttachment,
    forwardedAttachments: draft.forwardedAttachments,
    files: attachments.files,
    inlineFiles: attachments.inlineFiles,
    uploads: [],
    draftId: autosave.draftId(),
    outboxId: draft.outboxId,
    keepsBody: true,
  });

  /** What the composer holds, as the API takes it (saveDraft; sendMessage with the archive as sent). */
  const currentInput = (current = collect()): ComposeInput => {
    const body = htmlWithCids(current.html, attachments.inline);
    return {
      accountId,
      to: current.to,
      cc: current.cc,
      bcc: current.bcc,
      subject,
      text: editor?.getText({ blockSeparator: '\n\n' }) ?? '',
      html: editor?.isEmpty !== false ? null : body.html,
      replyToMessageId: draft.replyToMessageId,
      forwardMessageId: draft.forwardMessageId,
      forwardAsAttachment: draft.forwardMessageId ? asAttachment : false,
      attachmentIds: attachments.uploaded.map((u) => u.id),
      inlineImages: body.inlineImages,
      draftId: current.draftId,
      // Kept with the draft, so Undo send and a resumed draft reopen still archiving.
      archive: draftArchiveInput(sendArchive.state),
    };
  };

  /** What blocks sending, in words, or null. */
  const blocker = (): string | null => {
    const all = [...to, ...cc, ...bcc];
    if (!accountId) return t('noAccount');
    if (all.some((c) => !c.valid)) return t('fixRecipients');
    if (!all.length) return t('noRecipients');
    if (all.length > MAX_RECIPIENTS) return t('tooManyRecipients', { max: MAX_RECIPIENTS });
    if (subject.length > MAX_SUBJECT_CHARS) return t('subjectTooLong', { max: MAX_SUBJECT_CHARS });
    if (attachments.uploading) return t('stillUploading');
    if (attachments.failed) return t('removeFailedUploads');
    // Files chosen for another From account may be over this one's SIZE (RFC 1870).
    if (attachments.bytes > attachments.limit)
      return t('overServerLimit', { limit: format.number(attachments.limit / 1024 / 1024, { maximumFractionDigits: 1 }) });
    if (archiveInput(sendArchive.state)?.targets.length === 0) return tArchive('chooseTarget');
    return null;
  };

  const send = async (sendAt: Date | null) => {
    if (sending) return;
    const blocked = blocker();
    if (blocked) return setProblem(blocked);
    if (sendAt && sendAt.getTime() <= Date.now()) return setProblem(t('sendAtPast'));
    // The server removes the draft once the message is queued: no save may follow.
    autosave.stop();
    const current = collect();
    // As switched on: with no target chosen the blocker above said so already.
    const input = { ...currentInput(current), archive: archiveInput(sendArchive.state) };
    setSending(true);
    setProblem(null);
    const failed = await onSend({ input, sendAt, draft: current });
    setSending(false);
    if (failed) setProblem(failed);
  };

  const close = () => {
    // What was written is saved on the way out (the draft is on the server).
    if (dirty.current) void autosave.flush();
    onClose();
  };
  const discard = () => {
    autosave.discard();
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send(null);
    }
  };
  const onDrop = (event: DragEvent<HTMLDialogElement>) => {
    // A drop into the text was taken by the editor already (an image goes where it was dropped).
    if (event.defaultPrevented || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    dirty.current = true;
    attachments.add(Array.from(event.dataTransfer.files));
  };
  /** A setter that also counts as an edit (chips change without a change event). */
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      markDirty();
    };
  const carriedSize = draft.forwardedAttachments.reduce((sum, a) => sum + a.size, 0);

  return (
    <dialog
      ref={dialog}
      className="composer"
      aria-labelledby={`${id}-title`}
      onKeyDown={onKeyDown}
      onChange={markDirty}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={onDrop}
      onPaste={(e) => {
        const files = Array.from(e.clipboardData.files);
        // A paste into the text was taken by the editor already (images stay in the text).
        if (!files.length || e.defaultPrevented) return;
        e.preventDefault();
        dirty.current = true;
        attachments.add(files);
      }}
    >
      <form
        className="composer-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send(null);
        }}
      >
        <header className="composer-header">
          <h2 id={`${id}-title`}>{title}</h2>
          {autosave.savedAt || autosave.failed ? (
            <span className={autosave.failed ? 'field-error' : 'muted'} role="status">
              {autosave.failed
                ? t('draftNotSaved')
                : t('draftSaved', { time: format.dateTime(new Date(autosave.savedAt!), { timeStyle: 'short' }) })}
            </span>
          ) : null}
          <button type="button" className="button" onClick={close}>
            {t('close')}
          </button>
        </header>
        <div className="field compose-from">
          <label htmlFor={`${id}-from`}>{t('from')}</label>
          <select
            id={`${id}-from`}
            value={accountId}
            onChange={(e) => {
              setAccountId(e.target.value);
              swapSignature(accounts.find((a) => a.id === e.target.value)?.signatureHtml);
            }}
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.email}
              </option>
            ))}
          </select>
        </div>
        <RecipientField label={t('to')} chips={to} onChange={edited(setTo)} autoFocus={!draft.to.length} />
        {showCc ? <RecipientField label={t('cc')} chips={cc} onChange={edited(setCc)} /> : null}
        {showBcc ? <RecipientField label={t('bcc')} chips={bcc} onChange={edited(setBcc)} /> : null}
        {!showCc || !showBcc ? (
          <div className="compose-reveal">
            {showCc ? null : (
              <button type="button" className="button" onClick={() => setShowCc(true)}>
                {t('addCc')}
              </button>
            )}
            {showBcc ? null : (
              <button type="button" className="button" onClick={() => setShowBcc(true)}>
                {t('addBcc')}
              </button>
            )}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-subject`}>{t('subject')}</label>
          <input
            id={`${id}-subject`}
            type="text"
            value={subject}
            maxLength={MAX_SUBJECT_CHARS}
            data-autofocus={draft.to.length > 0 || undefined}
            onChange={(e) => setSubject(e.target.value)}
          />
        </div>
        <EditorToolbar editor={editor} />
        <BodyEditor editor={editor} />
        {draft.forwardMessageId ? (
          <div className="compose-forwarded">
            <label className="checkbox">
              <input type="checkbox" checked={asAttachment} onChange={(e) => setAsAttachment(e.target.checked)} />
              {t('forwardAsAttachment')}
            </label>
            {!asAttachment && draft.forwardedAttachments.length ? (
              <p className="muted">
                {t('carriedAttachments', {
                  names: draft.forwardedAttachments.map((a) => a.filename ?? t('unnamed')).join(', '),
                  size: format.number(carriedSize / 1024 / 1024, { maximumFractionDigits: 1 }),
                })}
              </p>
            ) : null}
          </div>
        ) : null}
        <AttachmentField attachments={attachments} />
        <SendAndArchive archive={sendArchive} />
        {problem ? (
          <p role="alert" className="alert">
            {problem}
          </p>
        ) : null}
        <footer className="composer-actions">
          <button type="submit" className="button primary" disabled={sending} aria-keyshortcuts="Control+Enter Meta+Enter">
            {t('send')}
          </button>
          <SendLater disabled={sending} onSchedule={(at) => void send(at)} />
          <button type="button" className="button danger" onClick={discard}>
            {t('discard')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
