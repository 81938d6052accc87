'use client';
import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { useFormatter, useTranslations } from 'next-intl';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { parseMailto } from '../../../lib/compose/parse-mailto';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { VIEWER } from '../../client/viewer-query';
import { MESSAGE_DETAIL, type MessageDetail } from '../mailbox/message-detail-query';
import { sanitizeMailHtml } from '../mailbox/sanitize-mail-html';
import { keepDraft, useKeptDraft } from './kept-draft';
import { EMPTY_DRAFT, draftFromMailto, draftFromMessage, draftFromStored, type ComposeDraft } from './compose-draft';
import { DISCARD_OUTBOX_MESSAGE, DRAFT_FROM_MESSAGE, RESUME_DRAFT, SEND_MESSAGE } from './compose-queries';
import { UNDO_SEND_COOKIE, cookieValue, parseUndoSend } from './compose-settings';
import { composeHref, composeParam, parseComposeParam, type ComposeTarget } from './compose-target';
import { Composer, type ComposerAccount, type SendRequest } from './composer';
import { SendStatus, type SentView } from './send-status';

/**
 * Opens the composer the inbox URL asks for (compose-target.ts): new, from a mailto link, a
 * reply/reply all/forward of a message (loaded, quoted), or reopened with kept content. Sends
 * through sendMessage with the undo delay from Local settings, then shows the status line that
 * offers Undo. Rendered once by the mailbox overview.
 */
export function ComposeHost({ accounts }: { accounts: ComposerAccount[] }) {
  const t = useTranslations('compose');
  const errorText = useErrorText();
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const target = parseComposeParam(params.get('compose'));
  const mailto = params.get('mailto');
  const kept = useKeptDraft();
  const [sent, setSent] = useState<SentView | null>(null);
  const [sendMessage] = useMutation(SEND_MESSAGE, { refetchQueries: ['Outbox'] });
  const [discardOutbox] = useMutation(DISCARD_OUTBOX_MESSAGE, { refetchQueries: ['Outbox'] });
  const answered =
    target && 'messageId' in target && target.mode !== 'draft' && target.mode !== 'saved' ? target.messageId : null;
  const original = useQuery(MESSAGE_DETAIL, answered ? { variables: { id: answered } } : skipToken).data?.message;
  const stored = useStoredDraft(
    target?.mode === 'draft' || target?.mode === 'saved' ? { mode: target.mode, id: target.messageId } : null,
  );
  const viewerEmail = useQuery(VIEWER, { fetchPolicy: 'cache-first' }).data?.viewer?.user.email;
  const words = useQuoteWords();
  const own = useMemo(() => [...accounts.map((a) => a.email), ...(viewerEmail ? [viewerEmail] : [])], [accounts, viewerEmail]);

  // The target is parsed anew each render: its URL form is what the memo depends on.
  const targetKey = target ? composeParam(target) : null;
  const draft = useMemo((): ComposeDraft | null => {
    const target = parseComposeParam(targetKey);
    if (!target) return null;
    if (target.mode === 'restore') return kept ?? EMPTY_DRAFT;
    if (target.mode === 'new') {
      const link = mailto ? parseMailto(mailto) : null;
      return link ? draftFromMailto(link) : EMPTY_DRAFT;
    }
    if (target.mode === 'draft' || target.mode === 'saved')
      return stored && stored.key === composeParam(target) ? stored.draft : null;
    if (!original || original.id !== target.messageId) return null;
    return draftFromMessage(original, target.mode, own, words(original), originalBody(original));
  }, [targetKey, mailto, kept, original, stored, own, words]);

  // Opening is a history entry (Back closes the composer); closing replaces it, so Back then
  // does not bring the composer back.
  const open = (next: ComposeTarget | null) => {
    const href = composeHref(pathname, params.toString(), next);
    if (next) router.push(href, { scroll: false });
    else router.replace(href, { scroll: false });
  };

  const send = async ({ input, sendAt, draft: content }: SendRequest): Promise<string | null> => {
    const undoSeconds = sendAt ? 0 : parseUndoSend(cookieValue(document.cookie, UNDO_SEND_COOKIE));
    try {
      const result = await sendMessage({ variables: { input, sendAt: sendAt?.toISOString() ?? null, undoSeconds } });
      const message = result.data?.sendMessage;
      if (!message) return errorText({ code: 'UNKNOWN' });
      // An Outbox message being edited is replaced by the one just accepted.
      if (content.outboxId) void discardOutbox({ variables: { id: content.outboxId } }).catch(() => {});
      setSent({ id: message.id, draft: { ...content, outboxId: null }, sendAt, undoSeconds, at: Date.now() });
      keepDraft(null);
      open(null);
      return null;
    } catch (error) {
      return t('sendFailed', { reason: errorText(errorInfo(error)) });
    }
  };

  const titles = {
    new: t('titleNew'),
    restore: t('titleNew'),
    reply: t('titleReply'),
    replyAll: t('titleReplyAll'),
    forward: t('titleForward'),
    draft: t('titleDraft'),
    // Undo reopens what was being written: the same title as before the send.
    saved: t('titleNew'),
  };
  return (
    <>
      {stored?.problem ? (
        <p role="alert" className="alert composer-loading">
          {t('draftLoadFailed', { reason: errorText(stored.problem) })}
        </p>
      ) : null}
      {target && !draft && !stored?.problem ? (
        <p className="muted composer-loading" aria-busy="true">
          {t('loadingOriginal')}
        </p>
      ) : null}
      {target && draft ? (
        <Composer
          key={`${composeParam(target)}:${mailto ?? ''}`}
          draft={draft}
          accounts={accounts}
          title={titles[target.mode]}
          onSend={send}
          onClose={() => open(null)}
        />
      ) : null}
      <SendStatus sent={sent} onChange={setSent} onReopen={(draftId) => open({ mode: 'saved', messageId: draftId })} />
    </>
  );
}

/**
 * A message of a Drafts folder (draftFromMessage) or one of our saved drafts (resumeDraft) turned
 * into composer fields; both upload its files anew. Asked once per target.
 */
function useStoredDraft(target: { mode: 'draft' | 'saved'; id: string } | null) {
  const [fromMessage] = useMutation(DRAFT_FROM_MESSAGE);
  const [resume] = useMutation(RESUME_DRAFT);
  const key = target ? composeParam({ mode: target.mode, messageId: target.id }) : null;
  const [result, setResult] = useState<{ key: string; draft: ComposeDraft | null; problem: ErrorInfo | null } | null>(null);
  useEffect(() => {
    const target = parseComposeParam(key);
    if (!key || !target || (target.mode !== 'draft' && target.mode !== 'saved')) return;
    let current = true;
    const loaded =
      target.mode === 'draft'
        ? fromMessage({ variables: { messageId: target.messageId } }).then((r) => r.data?.draftFromMessage)
        : resume({ variables: { id: target.messageId } }).then((r) => r.data?.resumeDraft);
    loaded
      .then((content) => {
        if (current) setResult({ key, draft: content ? draftFromStored(content) : null, problem: null });
      })
      .catch((error: unknown) => current && setResult({ key, draft: null, problem: errorInfo(error) }));
    return () => {
      current = false;
    };
  }, [key, fromMessage, resume]);
  return result && result.key === key ? result : null;
}

/** The original's body for quoting: its HTML through the reader's sanitizer (without images: their URLs are ours, signed, and must not leave in a mail), else its text. */
function originalBody(message: MessageDetail): { html: string } | { text: string } {
  if (message.html) {
    const clean = sanitizeMailHtml(message.html, {
      inlineImages: [],
      remoteImages: [],
      showRemote: false,
      appOrigin: window.location.origin,
    });
    const template = document.createElement('template');
    template.innerHTML = clean.body;
    template.content.querySelectorAll('img').forEach((img) => img.remove());
    return { html: template.innerHTML };
  }
  return { text: message.text ?? '' };
}

/** "On <date>, <name> wrote:" and the forward header's words, in the page's language. */
function useQuoteWords() {
  const t = useTranslations('compose');
  const format = useFormatter();
  return useMemo(
    () => (message: MessageDetail) => {
      const date = format.dateTime(new Date(message.sentAt ?? message.receivedAt), { dateStyle: 'long', timeStyle: 'short' });
      const author = message.from[0];
      return {
        intro: t('quoteIntro', { date, name: author ? author.name || author.address : t('unknownSender') }),
        forwardTitle: t('forwardTitle'),
        labels: { from: t('from'), date: t('date'), subject: t('subject'), to: t('to'), cc: t('cc') },
        date,
      };
    },
    [t, format],
  );
}
