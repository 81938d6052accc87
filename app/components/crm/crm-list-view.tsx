'use client';
import { useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useDeferredValue, useEffect, useId, useRef, useState } from 'react';
import { errorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { CRM_DOCUMENTS, type CrmKind } from './crm-queries';
import { CrmSummary } from './crm-summary';

/**
 * A CRM list: a search box (name, and e-mail address or domain; as you type), the first page by
 * name, "Load more" for the next. Arriving after a delete (`?deleted=<name>`) says so and puts
 * focus on the heading, so a screen reader user knows where they are.
 */
export function CrmListView({ kind }: { kind: CrmKind }) {
  const t = useTranslations('crm');
  const errorText = useErrorText();
  const searchId = useId();
  const params = useSearchParams();
  const deleted = params.get('deleted');
  const heading = useRef<HTMLHeadingElement>(null);
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const [loadingMore, setLoadingMore] = useState(false);
  const docs = CRM_DOCUMENTS[kind];
  const { data, error, fetchMore } = useQuery(docs.list, {
    variables: { search: deferredSearch || undefined },
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.[docs.field.list];
  useEffect(() => {
    if (deleted) heading.current?.focus();
  }, [deleted]);

  async function loadMore() {
    if (!connection?.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: connection.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => {
          const before = previous[docs.field.list];
          const next = fetchMoreResult[docs.field.list];
          if (!before || !next) return previous as never;
          return { [docs.field.list]: { ...next, edges: [...before.edges, ...next.edges] } } as never;
        },
      });
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section className="stack crm-page" aria-labelledby="crm-list-title">
      <div className="crm-head">
        <h1 id="crm-list-title" ref={heading} tabIndex={-1}>
          {t(`kinds.${kind}.title`)}
        </h1>
        <Link className="button primary" href={`/crm/${kind}/new`}>
          {t(`kinds.${kind}.new`)}
        </Link>
      </div>
      {deleted ? (
        <p role="status" className="success">
          {t(`kinds.${kind}.deleted`, { name: deleted })}
        </p>
      ) : null}
      <form role="search" className="crm-search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={searchId} className="visually-hidden">
          {t(`kinds.${kind}.search`)}
        </label>
        <input
          id={searchId}
          type="search"
          value={search}
          maxLength={200}
          placeholder={t(`kinds.${kind}.searchHint`)}
          onChange={(e) => setSearch(e.target.value)}
        />
      </form>
      {error ? (
        <p role="alert" className="alert">
          {t('loadFailed', { reason: errorText(errorInfo(error)) })}
        </p>
      ) : !connection ? (
        <p className="muted" aria-busy="true">
          {t('actions.loading')}
        </p>
      ) : connection.edges.length === 0 ? (
        <p className="muted">
          {deferredSearch ? t(`kinds.${kind}.noMatch`, { search: deferredSearch }) : t(`kinds.${kind}.empty`)}
        </p>
      ) : (
        <>
          <ul className="crm-list" aria-labelledby="crm-list-title">
            {connection.edges.map(({ node }) => (
              <li key={node.id}>
                <Link href={`/crm/${kind}/${node.id}`}>
                  <span className="crm-name">{node.name}</span>
                  <CrmSummary record={node} />
                </Link>
              </li>
            ))}
          </ul>
          <p className="muted" aria-live="polite">
            {t('list.results', { count: connection.edges.length })}
          </p>
          {connection.pageInfo.hasNextPage ? (
            <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
              {loadingMore ? t('actions.loading') : t('actions.loadMore')}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
