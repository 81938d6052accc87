'use client';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useOpenComposer } from '../compose/use-open-composer';
import { MenuButton } from '../menu-button';
import { ArchiveMark } from '../archive/archive-mark';
import { useArchiveMarks } from '../archive/use-archive-marks';
import { setMessageDragData } from './message-drag';
import type { MessageRow } from './message-queries';
import { selectRange, setAnchor, toggleSelected, type MessageSelection } from './message-selection';
import { PaperclipIcon } from './paperclip-icon';
import { openInPlace } from './use-mailbox-selection';
import { usePrefetchMessage } from './use-prefetch-message';

/** A row's height before it is measured (two lines; three beside the reader). @default 58 px */
const ESTIMATED_ROW_PX = 58;
/** Rows rendered beyond each edge of the window, so a fast scroll shows no blank band. @default 12 */
const OVERSCAN = 12;
/** Ask for the next page when this few loaded rows are left below the window. @default 30 */
const LOAD_AHEAD_ROWS = 30;

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
 * The loaded rows, virtualized against the page's own scroll (@tanstack/react-virtual): only the
 * rows in and near the window are in the DOM, each measured once, so a folder of 100k messages
 * costs the same as one of 50. Each row keeps its place in the whole folder for assistive
 * technology (aria-posinset/aria-setsize), a checkbox, and a link that opens it; Ctrl/Cmd+click
 * selects instead, Shift+click selects the range from the anchor. Rows drag the selection (or
 * themselves) to a folder. Each row's "Reply or forward" menu answers it without opening it.
 */
export function MessageRows({
  rows,
  total,
  folderName,
  selectedId,
  hrefFor,
  selection,
  onSelect,
  nearEnd,
}: {
  rows: MessageRow[];
  /** Messages in the folder (the set size), loaded or not. */
  total: number;
  folderName: string;
  selectedId: string | null;
  hrefFor: (messageId: string) => string;
  selection: MessageSelection;
  onSelect: (change: (current: MessageSelection) => MessageSelection) => void;
  /** Called while the window is within LOAD_AHEAD_ROWS of the last loaded row. */
  nearEnd: () => void;
}) {
  const t = useTranslations('mailbox');
  const tActions = useTranslations('actions');
  const compose = useOpenComposer();
  const when = useWhen();
  const list = useRef<HTMLUListElement>(null);
  // Where the list starts on the page: the virtualizer counts the window's scroll from there.
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const top = (list.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - offset) > 0.5) setOffset(top);
  });
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN,
    scrollMargin: offset,
    getItemKey: (index) => rows[index]!.id,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastShown >= rows.length - LOAD_AHEAD_ROWS) nearEnd();
  }, [lastShown, rows.length, nearEnd]);

  // A message opened by other means (a link, j/k, back/forward) is scrolled into view once.
  const selectedIndex = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    // Only when another message is opened: not on every reload that shifts its index.
  }, [selectedId]);

  // Once per page, not per scroll frame: a deep window holds many thousand rows.
  const order = useMemo(() => rows.map((r) => r.id), [rows]);
  const prefetch = usePrefetchMessage();
  const marks = useArchiveMarks(order);
  const onRowClick = (e: MouseEvent<HTMLAnchorElement>, id: string) => {
    if (e.shiftKey) onSelect((s) => selectRange(s, order, id));
    else if (e.ctrlKey || e.metaKey) onSelect((s) => toggleSelected(s, id));
    else {
      onSelect((s) => setAnchor(s, id));
      return openInPlace(e, hrefFor(id)); // a plain click opens it, as the link says
    }
    e.preventDefault();
  };

  return (
    <ul
      ref={list}
      className="messages virtual"
      aria-label={t('listLabel', { folder: folderName })}
      style={{ height: virtualizer.getTotalSize() }}
    >
      {items.map((item) => {
        const m = rows[item.index]!;
        const sender = m.from[0]?.name || m.from[0]?.address || t('noSender');
        const subject = m.subject || t('noSubject');
        const checked = selection.ids.has(m.id);
        return (
          <li
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            aria-posinset={item.index + 1}
            aria-setsize={Math.max(total, rows.length)}
            className={['message', m.seen ? '' : 'unread', checked ? 'checked' : ''].join(' ').trim()}
            style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
            draggable
            onDragStart={(e) =>
              setMessageDragData(
                e.dataTransfer,
                (checked ? rows.filter((r) => selection.ids.has(r.id)) : [m]).map((r) => ({
                  id: r.id,
                  subject: r.subject || t('noSubject'),
                })),
              )
            }
          >
            <input
              type="checkbox"
              className="row-check"
              checked={checked}
              aria-label={t('selectRow', { subject })}
              onChange={(e) => {
                const shift = 'shiftKey' in e.nativeEvent && (e.nativeEvent as globalThis.MouseEvent).shiftKey;
                onSelect((s) => (shift ? selectRange(s, order, m.id) : toggleSelected(s, m.id)));
              }}
            />
            <Link
              href={hrefFor(m.id)}
              scroll={false}
              // Opened in place (openInPlace), never by Next's navigation: no page payload to prefetch.
              prefetch={false}
              draggable={false}
              id={`row-${m.id}`}
              aria-current={m.id === selectedId ? 'true' : undefined}
              // The name holds all the row's visible text, in its order (WCAG 2.5.3, label in name:
              // a voice-control user can say what they see), unread state first.
              aria-label={t('rowLabel', {
                unread: m.seen ? 'no' : 'yes',
                sender,
                subject,
                partly: m.parseError ? 'yes' : 'no',
                hasSnippet: m.snippet ? 'yes' : 'no',
                snippet: m.snippet ?? '',
                date: when(m.receivedAt),
              })}
              onClick={(e) => onRowClick(e, m.id)}
              onPointerEnter={() => prefetch.intend(m.id)}
              onPointerLeave={prefetch.cancel}
              onFocus={() => prefetch.intend(m.id)}
            >
              <span className="sender">{sender}</span>{' '}
              <span className="subject">
                {subject}
                {m.hasAttachments ? <PaperclipIcon className="attachment-mark" label={t('hasAttachments')} /> : null}
                {m.parseError ? (
                  <span className="badge warn" title={m.parseError}>
                    {' '}
                    {t('partlyUnreadable')}
                  </span>
                ) : null}
              </span>{' '}
              <span className="snippet">{m.snippet}</span> <time dateTime={m.receivedAt}>{when(m.receivedAt)}</time>
            </Link>
            <MenuButton
              // Reply, reply all and forward from the list (issue 11), without opening the message:
              // one tab stop per row, the row's link as its description.
              label={tActions('rowActions')}
              describedBy={`row-${m.id}`}
              className="row-menu"
              buttonClassName="row-menu-button"
              items={[
                { label: tActions('reply'), onSelect: () => compose({ mode: 'reply', messageId: m.id }) },
                { label: tActions('replyAll'), onSelect: () => compose({ mode: 'replyAll', messageId: m.id }) },
                { label: tActions('forward'), onSelect: () => compose({ mode: 'forward', messageId: m.id }) },
              ]}
            />
            {/* Beside the row's link, not in it: a link inside a link is not allowed. */}
            <ArchiveMark mark={marks.get(m.id)} />
          </li>
        );
      })}
    </ul>
  );
}
