'use client';
import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { errorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { crmHref, SEARCH_ARCHIVE } from './archive-search-queries';

/** Results per page. @default 50 */
const PAGE_SIZE = 50;

/**
 * The results of a search of the CRM archive (issue 12: `in:archive`, `person:`, `company:`),
 * newest first: subject, sender, date and what each e-mail is archived to. The subject downloads
 * the archived original (.eml, a signed URL), the targets open their CRM pages. Visibility is the
 * server's: a colleague's "only me" documents are never in the answer.
 */
export function ArchiveSearchResults({ query }: { query: string }) {
  const t = useTranslations('archiveSearch');
  const format = useFormatter();
  const errorText = useErrorText();
  const { data, error, fetchMore } = useQuery(SEARCH_ARCHIVE, {
    variables: { query, first: PAGE_SIZE },
    fetchPolicy: 'network-only',
  });
  if (error)
    return (
      <p role="alert" className="alert">
        {errorText(errorInfo(error))}
      </p>
    );
  const page = data?.searchArchive;
  if (!page) return null;
  return (
    <>
      <p className="list-counts" role="status">
        {t('count', { count: page.nodes.length, more: page.hasMore ? 'yes' : 'no' })}
      </p>
      {page.nodes.length ? (
        <ul className="messages search-results" aria-label={t('label', { query })}>
          {page.nodes.map((d) => {
            const subject = d.subject || t('noSubject');
            const sender = d.from[0]?.name || d.from[0]?.address || t('noSender');
            const date = format.dateTime(new Date(d.date), { year: 'numeric', month: 'numeric', day: 'numeric' });
            return (
              <li key={d.id} className="message">
                {/* Every visible word in the name, in order (WCAG 2.5.3, label in name), then what the link does. */}
                <a href={d.downloadUrl} download aria-label={t('download', { sender, subject, date })}>
                  <span className="sender">{sender}</span> <span className="subject">{subject}</span>{' '}
                  <time dateTime={d.date}>{date}</time>
                </a>{' '}
                <span className="muted">
                  {t('archivedTo')}{' '}
                  {d.targets.map((target, i) => (
                    <span key={target.id}>
                      {i ? ', ' : null}
                      <Link href={crmHref(target)}>{target.name}</Link>
                    </span>
                  ))}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
      {page.hasMore ? (
        <button
          type="button"
          onClick={() =>
            void fetchMore({
              variables: { after: page.endCursor },
              updateQuery: (prev, { fetchMoreResult }) => ({
                searchArchive: {
                  ...fetchMoreResult.searchArchive,
                  nodes: [...prev.searchArchive.nodes, ...fetchMoreResult.searchArchive.nodes],
                },
              }),
            })
          }
        >
          {t('loadMore')}
        </button>
      ) : null}
    </>
  );
}
