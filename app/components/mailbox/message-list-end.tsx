'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { SkeletonRows } from './skeleton-rows';

/**
 * The end of the loaded list: skeleton rows while the next page loads, a "Load more" button (for
 * keyboards and for browsers that never report the intersection), or the note that the oldest
 * message is shown. The next page is asked for as soon as the button scrolls into view.
 */
export function MessageListEnd({
  hasMore,
  loadingMore,
  loadedCount,
  folderName,
  onLoadMore,
}: {
  hasMore: boolean;
  loadingMore: boolean;
  loadedCount: number;
  folderName: string;
  onLoadMore: () => void;
}) {
  const t = useTranslations('mailbox');
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const target = button.current;
    if (!target || !hasMore || loadingMore || typeof IntersectionObserver === 'undefined') return;
    // Re-created after every page (loadedCount): a page too short to push the button out of view
    // is followed by the next one without a scroll.
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onLoadMore();
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasMore, loadingMore, loadedCount, onLoadMore]);

  if (!hasMore) return loadedCount ? <p className="muted list-end">{t('listEnd', { folder: folderName })}</p> : null;
  return (
    <div className="list-more">
      {loadingMore ? <SkeletonRows count={3} /> : null}
      <button ref={button} type="button" onClick={onLoadMore} disabled={loadingMore}>
        {loadingMore ? t('loadingMore') : t('loadMore')}
      </button>
    </div>
  );
}
