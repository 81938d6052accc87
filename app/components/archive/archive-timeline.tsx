'use client';
import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { errorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { ARCHIVE_CHANGED, ARCHIVED_DOCUMENTS, UNARCHIVE, type ArchivedDocument } from './archive-queries';
import type { ArchiveTargetKind } from './archive-targets';
import { ArchivedDocumentReader } from './archived-document-reader';
import { fetchRows, rowsToReload } from './reload-rows';
import './archive.css';

/**
 * A CRM record's archived e-mail (issue 12): newest first, 20 at a time with "Load more", each
 * opening in the safe reader, unarchived from here. Live: archiveChanged for this record (a
 * colleague archiving, another tab unarchiving) reloads as many rows as are shown, so the older
 * ones "Load more" brought in stay (a plain refetch would go back to the first page).
 */
export function ArchiveTimeline({ target }: { target: { kind: ArchiveTargetKind; id: string } }) {
  const t = useTranslations('archive.timeline');
  const titleId = useId();
  const client = useApolloClient();
  const query = useQuery(ARCHIVED_DOCUMENTS, { variables: { target }, fetchPolicy: 'cache-and-network' });
  const [unarchive] = useMutation(UNARCHIVE);
  const errorText = useErrorText();
  const [notice, setNotice] = useState<string | null>(null);
  const connection = query.data?.archivedDocuments;
  const documents = connection?.edges.map((e) => e.node) ?? [];

  const reload = async (wanted: number) => {
    const page = await fetchRows(wanted, async (first, after) => {
      const result = await client.query({
        query: ARCHIVED_DOCUMENTS,
        variables: { target, first, after },
        fetchPolicy: 'no-cache',
      });
      return result.data!.archivedDocuments;
    });
    query.updateQuery(() => ({ archivedDocuments: page }));
  };
  useSubscription(ARCHIVE_CHANGED, {
    variables: { target },
    onData: ({ data }) => void reload(rowsToReload(documents.length, data.data?.archiveChanged)),
  });

  const loadMore = () =>
    void query.fetchMore({
      variables: { after: connection?.pageInfo.endCursor ?? null },
      updateQuery: (previous, { fetchMoreResult }) => ({
        archivedDocuments: {
          ...fetchMoreResult.archivedDocuments,
          edges: [...previous.archivedDocuments.edges, ...fetchMoreResult.archivedDocuments.edges],
        },
      }),
    });

  const remove = async (document: ArchivedDocument) => {
    try {
      await unarchive({ variables: { documentId: document.id, target } });
    } catch (error) {
      return setNotice(t('unarchiveFailed', { error: errorText(errorInfo(error)) }));
    }
    setNotice(t('unarchived', { subject: document.subject || t('noSubject') }));
    await reload(rowsToReload(documents.length)).catch(() => {}); // the next live change reloads again
  };

  return (
    <section className="archive-timeline" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('title')}</h2>
      {/* aria-live without role="status": the CRM page has its own status line, one per page. */}
      <p aria-live="polite" className="timeline-notice">
        {notice}
      </p>
      {connection && !documents.length ? <p>{t('empty')}</p> : null}
      <ol>
        {documents.map((d) => (
          <TimelineItem key={d.id} document={d} onUnarchive={() => void remove(d)} />
        ))}
      </ol>
      {connection?.pageInfo.hasNextPage ? (
        <button type="button" className="button" onClick={loadMore}>
          {t('loadMore')}
        </button>
      ) : null}
    </section>
  );
}

function TimelineItem({ document: d, onUnarchive }: { document: ArchivedDocument; onUnarchive: () => void }) {
  const t = useTranslations('archive.timeline');
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const readerId = useId();
  const from = d.from[0]?.name || d.from[0]?.address || '';
  const subject = d.subject || t('noSubject');
  // An attachment is named by its file (the mail it came from follows): it shares the subject.
  const name = d.kind === 'ATTACHMENT' ? t('attachment', { filename: d.filename ?? '' }) : subject;
  return (
    <li aria-label={name}>
      <h3>{name}</h3>
      <p className="timeline-meta">
        <time dateTime={d.date}>{format.dateTime(new Date(d.date), { dateStyle: 'medium', timeStyle: 'short' })}</time>
        {from ? <> · {t('from', { from })}</> : null}
        {d.category ? <> · {d.category}</> : null}
        {d.visibility === 'PRIVATE' ? <> · {t('private')}</> : null}
        {d.kind === 'ATTACHMENT' ? <> · {t('fromMessage', { subject })}</> : null}
      </p>
      {d.snippet ? <p>{d.snippet}</p> : null}
      <div className="timeline-actions">
        {d.kind === 'MESSAGE' ? (
          <button type="button" className="button" aria-expanded={open} aria-controls={readerId} onClick={() => setOpen(!open)}>
            {open ? t('close') : t('open')}
          </button>
        ) : (
          <a className="button" href={d.downloadUrl} download>
            {t('downloadAttachment')}
          </a>
        )}
        <button type="button" className="button" onClick={onUnarchive}>
          {t('unarchive')}
        </button>
      </div>
      <div id={readerId}>{open ? <ArchivedDocumentReader id={d.id} /> : null}</div>
    </li>
  );
}
