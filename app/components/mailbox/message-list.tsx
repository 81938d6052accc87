'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef } from 'react';
import { BulkToolbar, type BulkContext } from './bulk-toolbar';
import { MessageListEnd } from './message-list-end';
import type { SyncProgressView } from './message-queries';
import { MessageRows } from './message-rows';
import { EMPTY_SELECTION, toggleAll } from './message-selection';
import { SkeletonRows } from './skeleton-rows';
import type { FolderMessages } from './use-folder-messages';
import { useMessageSelection } from './use-message-selection';

const IMPORT_PHASES: ReadonlyArray<SyncProgressView['phase']> = ['CONNECTING', 'IMPORTING', 'BACKFILLING'];

/**
 * The folder's messages, newest first, under its total and unread counts; unread in bold. Each row
 * is a link to the message's URL (so it opens with a click or Enter, in a new tab with a middle
 * click, and back/forward work) and has a checkbox; with rows selected a toolbar acts on them
 * all. Rows are virtualized (MessageRows); older pages load as the end comes near, or with
 * "Load more" (MessageListEnd).
 */
export function MessageList({
  list,
  counts,
  progress,
  folderName,
  selectedId,
  hrefFor,
  bulk,
}: {
  list: FolderMessages;
  counts: { total: number; unread: number };
  progress: SyncProgressView | null;
  folderName: string;
  selectedId: string | null;
  hrefFor: (messageId: string) => string;
  bulk: BulkContext | null;
}) {
  const t = useTranslations('mailbox');
  const rows = useMemo(() => list.rows ?? [], [list.rows]);
  const order = useMemo(() => rows.map((r) => r.id), [rows]);
  const [selection, setSelection] = useMessageSelection(bulk?.folderId ?? null, order);
  // The list asks for the next page from an effect; a stable callback keeps that effect quiet.
  const listNow = useRef(list);
  listNow.current = list;
  const nearEnd = useRef(() => {
    if (listNow.current.hasMore && !listNow.current.loadingMore) listNow.current.loadMore();
  }).current;

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
  const selected = rows.filter((r) => selection.ids.has(r.id));
  return (
    <>
      <div className="list-head">
        <SelectAll
          selectedCount={selected.length}
          loadedCount={rows.length}
          onToggle={() => setSelection((s) => toggleAll(s, order))}
        />
        <p className="list-counts">{t('counts', { total: counts.total, unread: counts.unread })}</p>
      </div>
      {bulk && selected.length ? (
        <BulkToolbar selected={selected} list={list} context={bulk} onDone={() => setSelection(() => EMPTY_SELECTION)} />
      ) : null}
      <MessageRows
        rows={rows}
        total={counts.total}
        folderName={folderName}
        selectedId={selectedId}
        hrefFor={hrefFor}
        selection={selection}
        onSelect={setSelection}
        nearEnd={nearEnd}
      />
      <MessageListEnd
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        loadedCount={rows.length}
        folderName={folderName}
        onLoadMore={list.loadMore}
      />
    </>
  );
}

/** One checkbox for every loaded row: checked when all are, mixed when some are. */
function SelectAll({
  selectedCount,
  loadedCount,
  onToggle,
}: {
  selectedCount: number;
  loadedCount: number;
  onToggle: () => void;
}) {
  const t = useTranslations('mailbox');
  const box = useRef<HTMLInputElement>(null);
  const mixed = selectedCount > 0 && selectedCount < loadedCount;
  useEffect(() => {
    if (box.current) box.current.indeterminate = mixed;
  }, [mixed]);
  return (
    <input
      ref={box}
      type="checkbox"
      className="row-check"
      checked={selectedCount > 0 && selectedCount === loadedCount}
      aria-label={t('selectAll', { count: loadedCount })}
      onChange={onToggle}
    />
  );
}
