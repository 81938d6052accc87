'use client';
import { useTranslations } from 'next-intl';
import { useLayoutEffect, useRef } from 'react';
import type { SyncProgressView } from './message-queries';

/**
 * The bar's fill, sized through the CSSOM after render: a server-rendered `style` attribute would
 * be blocked by the page's CSP (no 'unsafe-inline' styles, issue 8 item 5), while setting
 * `element.style` from script is not.
 */
function ProgressFill({ percent }: { percent: number }) {
  const fill = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (fill.current) fill.current.style.width = `${percent}%`;
  }, [percent]);
  return <span ref={fill} />;
}

const SHOWN: ReadonlyArray<SyncProgressView['phase']> = ['CONNECTING', 'IMPORTING', 'BACKFILLING', 'INDEXING'];

/**
 * The import/backfill progress bar, then "Indexing" while snippets and search documents are
 * derived from the stored mail (the list is complete by then); hidden once the account is live.
 */
export function SyncProgressBar({ progress }: { progress: SyncProgressView | null }) {
  const t = useTranslations('syncProgress');
  if (!progress || !SHOWN.includes(progress.phase)) return null;
  const total = Math.max(progress.overallTotal, 1);
  const percent = Math.min(100, Math.round((progress.overallDone / total) * 100));
  const label = t('phase', { phase: progress.phase });
  return (
    <div className="sync-progress">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={progress.overallTotal}
        aria-valuenow={progress.overallDone}
        className="bar"
      >
        <ProgressFill percent={percent} />
      </div>
      <p className="muted">
        {progress.overallTotal
          ? t('counted', { label, done: progress.overallDone, total: progress.overallTotal })
          : t('uncounted', { label })}
        {progress.path ? ` (${progress.path === 'INBOX' ? t('inbox') : progress.path})` : ''}
      </p>
    </div>
  );
}
