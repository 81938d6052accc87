'use client';
import { useMutation } from '@apollo/client/react';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { errorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import type { ComposeDraft } from './compose-draft';
import { UNDO_SEND } from './compose-queries';

/** How long "Handed to the outbox" shows once the undo time is over. @default 5 s */
const SENT_NOTICE_MS = 5000;

/** A message just handed to the outbox. */
export interface SentView {
  id: string;
  draft: ComposeDraft;
  sendAt: Date | null;
  undoSeconds: number;
  /** When it was accepted (ms), for the undo window. */
  at: number;
}

/**
 * The line after Send: "Sending… Undo" for the undo delay (or "Scheduled for … Undo"), then
 * "Sent to the outbox". Undo takes the message back on the server (undoSend: only while it
 * waits), which turns it into a saved draft, and reopens the composer on that draft: what it
 * held survives a reload and opens in another browser.
 */
export function SendStatus({
  sent,
  onChange,
  onReopen,
}: {
  sent: SentView | null;
  onChange: (next: SentView | null) => void;
  /** Opens the composer on the saved draft the message became. */
  onReopen: (draftId: string) => void;
}) {
  const t = useTranslations('compose');
  const format = useFormatter();
  const errorText = useErrorText();
  const [undoSend, { loading }] = useMutation(UNDO_SEND, { refetchQueries: ['Outbox'] });
  const [problem, setProblem] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    setProblem(null);
    setExpired(false);
    if (!sent || sent.sendAt) return;
    const left = Math.max(0, sent.at + sent.undoSeconds * 1000 - Date.now());
    const timer = setTimeout(() => setExpired(true), left);
    // "Handed to the outbox" stays a moment, then the line goes (the Outbox has the rest).
    const hide = setTimeout(() => onChange(null), left + SENT_NOTICE_MS);
    return () => {
      clearTimeout(timer);
      clearTimeout(hide);
    };
  }, [sent, onChange]);
  if (!sent) return null;
  const undo = () =>
    undoSend({ variables: { id: sent.id } })
      .then((result) => {
        const draftId = result.data?.undoSend.id;
        onChange(null);
        if (draftId) onReopen(draftId);
      })
      .catch((error: unknown) => setProblem(t('undoFailed', { reason: errorText(errorInfo(error)) })));
  const canUndo = !expired || sent.sendAt !== null;
  return (
    <p role="status" className="send-status">
      <span>
        {problem ??
          (sent.sendAt
            ? t('scheduledFor', { at: format.dateTime(sent.sendAt, { dateStyle: 'medium', timeStyle: 'short' }) })
            : expired
              ? t('sent')
              : t('sending'))}
      </span>
      {canUndo && !problem ? (
        <button type="button" className="button" disabled={loading} onClick={() => void undo()}>
          {t('undo')}
        </button>
      ) : null}
      <button type="button" className="button" aria-label={t('dismissStatus')} onClick={() => onChange(null)}>
        ×
      </button>
    </p>
  );
}
