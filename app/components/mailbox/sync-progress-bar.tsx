'use client';
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
  if (!progress || !SHOWN.includes(progress.phase)) return null;
  const total = Math.max(progress.overallTotal, 1);
  const percent = Math.min(100, Math.round((progress.overallDone / total) * 100));
  const label =
    progress.phase === 'CONNECTING'
      ? 'Connecting to your mailbox'
      : progress.phase === 'BACKFILLING'
        ? 'Importing older mail'
        : progress.phase === 'INDEXING'
          ? 'Indexing mail for search'
          : 'Importing mail';
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
        {label}
        {progress.overallTotal ? `: ${progress.overallDone.toLocaleString()} of ${progress.overallTotal.toLocaleString()}` : '…'}
        {progress.path ? ` (${progress.path === 'INBOX' ? 'Inbox' : progress.path})` : ''}
      </p>
    </div>
  );
}
