'use client';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { MessageListEnd } from './message-list-end';
import { PaperclipIcon } from './paperclip-icon';
import type { MessageRow, SyncProgressView } from './message-queries';
import { SkeletonRows } from './skeleton-rows';
import type { FolderMessages } from './use-folder-messages';

const IMPORT_PHASES: ReadonlyArray<SyncProgressView['phase']> = ['CONNECTING', 'IMPORTING', 'BACKFILLING'];

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
 * The folder's messages, newest first, under its total and unread counts; unread in bold. Each row
 * is a link to the message's URL (so it opens with a click or Enter, in a new tab with a middle
 * click, and back/forward work). Older pages load as the end scrolls into view (MessageListEnd).
 */
export function MessageList({
  list,
  counts,
  progress,
  folderName,
  selectedId,
  hrefFor,
}: {
  list: FolderMessages;
  counts: { total: number; unread: number };
  progress: SyncProgressView | null;
  folderName: string;
  selectedId: string | null;
  hrefFor: (messageId: string) => string;
}) {
  const t = useTranslations('mailbox');
  // While the import runs, an empty folder is one still filling, not an empty one.
  if (!list.rows?.length && progress && IMPORT_PHASES.includes(progress.phase))
    return (
      <p className="muted" role="status">
        {progress.overallTotal
          ? t('importing', { done: progress.overallDone, total: progress.overallTotal })
          : t('importingUncounted')}
      </p>
    );
  if (!list.rows)
    return (
      <div aria-busy="true">
        <p className="visually-hidden">{t('loadingMessages')}</p>
        <SkeletonRows count={8} />
      </div>
    );
  if (!list.rows.length) return <p className="muted">{t('empty', { folder: folderName })}</p>;
  return (
    <>
      <p className="list-counts">{t('counts', { total: counts.total, unread: counts.unread })}</p>
      <Rows rows={list.rows} folderName={folderName} selectedId={selectedId} hrefFor={hrefFor} />
      <MessageListEnd
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        loadedCount={list.rows.length}
        folderName={folderName}
        onLoadMore={list.loadMore}
      />
    </>
  );
}

function Rows({
  rows,
  folderName,
  selectedId,
  hrefFor,
}: {
  rows: MessageRow[];
  folderName: string;
  selectedId: string | null;
  hrefFor: (messageId: string) => string;
}) {
  const t = useTranslations('mailbox');
  const when = useWhen();
  return (
    <ul className="messages" aria-label={t('listLabel', { folder: folderName })}>
      {rows.map((m) => {
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
