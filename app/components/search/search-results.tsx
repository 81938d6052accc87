'use client';
import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { errorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import type { MailAccountView } from '../mailbox/mail-account-queries';
import { useFolderName } from '../mailbox/use-folder-name';
import { HighlightedText } from './highlighted-text';
import { SEARCH_MESSAGES } from './search-queries';

/** Results per page. @default 50 */
const PAGE_SIZE = 50;

/**
 * The results of a search over every folder, newest first: sender, subject and the body around
 * the first match with the matched words marked, and the folder each one is in. A row links to
 * the message in its own account and folder with the query kept (`hrefFor`), so the reader opens
 * beside the results and back returns to them. A query the server cannot read shows why, naming
 * the token (BAD_USER_INPUT's `details`).
 */
export function SearchResults({
  query,
  accounts,
  selectedId,
  hrefFor,
}: {
  query: string;
  accounts: MailAccountView[];
  selectedId: string | null;
  hrefFor: (result: { accountId: string; folderId: string; messageId: string }) => string;
}) {
  const t = useTranslations('search');
  const format = useFormatter();
  const errorText = useErrorText();
  const folderName = useFolderName();
  const { data, error, loading, fetchMore } = useQuery(SEARCH_MESSAGES, {
    variables: { query, first: PAGE_SIZE },
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: true,
  });
  if (error)
    return (
      <p role="alert" className="alert">
        {problemText(error, t, errorText)}
      </p>
    );
  const page = data?.searchMessages;
  if (!page)
    return (
      <p className="muted" role="status">
        {t('searching')}
      </p>
    );
  if (!page.nodes.length)
    return (
      <p className="muted" role="status">
        {t('noResults', { query })}
      </p>
    );

  const folders = new Map(accounts.flatMap((a) => a.folders.map((f) => [f.id, { account: a, folder: f }] as const)));
  const highlights = new Map(page.highlights.map((h) => [h.messageId, h]));
  return (
    <>
      <p className="list-counts" role="status">
        {t('resultCount', { count: page.nodes.length, more: page.hasMore ? 'yes' : 'no' })}
      </p>
      <ul className="messages search-results" aria-label={t('resultsLabel', { query })}>
        {page.nodes.map((m) => {
          const place = folders.get(m.folderId);
          const light = highlights.get(m.id);
          const sender = m.from[0]?.name || m.from[0]?.address || t('noSender');
          const where = place ? folderName(place.folder) : '';
          const date = format.dateTime(new Date(m.receivedAt), { year: 'numeric', month: 'numeric', day: 'numeric' });
          return (
            <li key={m.id} className={m.seen ? 'message' : 'message unread'}>
              <Link
                href={hrefFor({ accountId: place?.account.id ?? '', folderId: m.folderId, messageId: m.id })}
                scroll={false}
                aria-current={m.id === selectedId ? 'true' : undefined}
                // Every visible word in the name, in the row's order (WCAG 2.5.3, label in name).
                aria-label={t('rowLabel', {
                  sender,
                  subject: m.subject || t('noSubject'),
                  folder: where,
                  hasSnippet: light?.snippet.text ? 'yes' : 'no',
                  snippet: light?.snippet.text ?? '',
                  date,
                })}
              >
                <span className="sender">{sender}</span>{' '}
                <span className="subject">
                  {light && m.subject ? <HighlightedText value={light.subject} /> : m.subject || t('noSubject')}
                </span>{' '}
                <span className="search-folder">{where ? t('inFolder', { folder: where }) : null}</span>{' '}
                <span className="snippet">{light ? <HighlightedText value={light.snippet} /> : null}</span>{' '}
                <time dateTime={m.receivedAt}>{date}</time>
              </Link>
            </li>
          );
        })}
      </ul>
      {page.hasMore ? (
        <button
          type="button"
          disabled={loading}
          onClick={() =>
            void fetchMore({
              variables: { after: page.endCursor },
              updateQuery: (prev, { fetchMoreResult }) => ({
                searchMessages: {
                  ...fetchMoreResult.searchMessages,
                  nodes: [...prev.searchMessages.nodes, ...fetchMoreResult.searchMessages.nodes],
                  highlights: [...prev.searchMessages.highlights, ...fetchMoreResult.searchMessages.highlights],
                },
              }),
            })
          }
        >
          {loading ? t('loadingMore') : t('loadMore')}
        </button>
      ) : null}
    </>
  );
}

/** A query the parser refused names its token in the page's language; anything else as usual. */
function problemText(
  error: unknown,
  t: ReturnType<typeof useTranslations<'search'>>,
  errorText: ReturnType<typeof useErrorText>,
): string {
  const info = errorInfo(error);
  const details = badQueryDetails(error);
  if (info.code === 'BAD_USER_INPUT' && details) return t('badQuery', details);
  return errorText(info);
}

function badQueryDetails(error: unknown): { reason: string; token: string } | null {
  const first = (error as { errors?: Array<{ extensions?: { details?: unknown } }> }).errors?.[0];
  const details = first?.extensions?.details as { reason?: unknown; token?: unknown } | undefined;
  if (typeof details?.reason !== 'string' || typeof details.token !== 'string') return null;
  return { reason: details.reason, token: details.token };
}
