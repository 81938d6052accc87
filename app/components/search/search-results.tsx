'use client';
import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { openInPlace } from '../mailbox/use-mailbox-selection';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { errorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import type { MailAccountView } from '../mailbox/mail-account-queries';
import { useFolderName } from '../mailbox/use-folder-name';
import { ArchiveSearchResults } from './archive-search-results';
import { HighlightedText } from './highlighted-text';
import { SEARCH_MESSAGES } from './search-queries';
import { SearchRefresh } from './search-refresh';

/** Results per page. @default 50 */
const PAGE_SIZE = 50;

/** The most results the API returns at once (graphql/search.ts): a refresh reloads up to this many. @default 200 */
const MAX_REFRESH = 200;

/**
 * Search again at most this often while changes stream in (an import, a bulk move). Longer than
 * the folder list's 400 ms: a search over every folder costs more than one folder's page.
 * @default 1 s
 */
const REFRESH_THROTTLE_MS = 1_000;

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
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(SEARCH_MESSAGES, {
    variables: { query, first: PAGE_SIZE },
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: true,
  });
  // The throttled refresh runs later: it reloads as many results as are shown then, so pages
  // fetched with "More results" do not vanish.
  const shown = useRef(0);
  shown.current = data?.searchMessages.nodes.length ?? 0;
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleRefresh = () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void refetch({ first: Math.min(Math.max(PAGE_SIZE, shown.current), MAX_REFRESH), after: null }).catch(() => {});
    }, REFRESH_THROTTLE_MS);
  };
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);
  const watch = <SearchRefresh accountIds={accounts.map((a) => a.id)} onChange={scheduleRefresh} />;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  // in:archive, person: and company: search the CRM archive: the server's parser decides (one
  // parser, not a copy in the page) and says so with reason archive_search.
  if (error && badQueryDetails(error)?.reason === 'archive_search') return <ArchiveSearchResults query={query} />;
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
      <>
        {watch}
        <p className="muted" role="status">
          {t('noResults', { query })}
        </p>
      </>
    );

  const folders = new Map(accounts.flatMap((a) => a.folders.map((f) => [f.id, { account: a, folder: f }] as const)));
  const highlights = new Map(page.highlights.map((h) => [h.messageId, h]));
  return (
    <>
      {watch}
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
                // Opened in place (openInPlace), never by Next's navigation: no page payload to prefetch.
                prefetch={false}
                onClick={(e) =>
                  openInPlace(e, hrefFor({ accountId: place?.account.id ?? '', folderId: m.folderId, messageId: m.id }))
                }
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
          disabled={loadingMore}
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
          {loadingMore ? t('loadingMore') : t('loadMore')}
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
