'use client';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { PaperclipIcon } from './paperclip-icon';
import type { MessageRow } from './message-queries';

/** Today's mail by its time ("14:05"), older mail by its date, in the page's language and time zone. */
function useWhen(): (iso: string) => string {
  const format = useFormatter();
  const day = (date: Date) => format.dateTime(date, { year: 'numeric', month: 'numeric', day: 'numeric' });
  const today = day(new Date());
  return (iso) => {
    const date = new Date(iso);
    return day(date) === today ? format.dateTime(date, { hour: '2-digit', minute: '2-digit' }) : day(date);
  };
}

/**
 * The folder's messages, newest first; unread in bold. Each row is a link to the message's URL
 * (so it opens with a click or Enter, in a new tab with a middle click, and back/forward work).
 */
export function MessageList({
  messages,
  folderName,
  selectedId,
  hrefFor,
}: {
  messages: MessageRow[];
  folderName: string;
  selectedId: string | null;
  hrefFor: (messageId: string) => string;
}) {
  const t = useTranslations('mailbox');
  const when = useWhen();
  if (!messages.length) return <p className="muted">{t('empty', { folder: folderName })}</p>;
  return (
    <ul className="messages" aria-label={t('listLabel', { folder: folderName })}>
      {messages.map((m) => {
        const sender = m.from[0]?.name || m.from[0]?.address || t('noSender');
        const subject = m.subject || t('noSubject');
        return (
          <li key={m.id} className={m.seen ? 'message' : 'message unread'}>
            <Link
              href={hrefFor(m.id)}
              scroll={false}
              aria-current={m.id === selectedId ? 'true' : undefined}
              aria-label={t('rowLabel', { unread: m.seen ? 'no' : 'yes', sender, subject })}
            >
              <span className="sender">{sender}</span>
              <span className="subject">
                {subject}
                {m.hasAttachments ? <PaperclipIcon className="attachment-mark" label={t('hasAttachments')} /> : null}
                {m.parseError ? (
                  <span className="badge warn" title={m.parseError}>
                    {' '}
                    {t('partlyUnreadable')}
                  </span>
                ) : null}
              </span>
              <span className="snippet">{m.snippet}</span>
              <time dateTime={m.receivedAt}>{when(m.receivedAt)}</time>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
