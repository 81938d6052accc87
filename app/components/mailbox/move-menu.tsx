'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { FolderChoice } from './message-toolbar';
import { useFolderName } from './use-folder-name';

/**
 * "Move to…" as a WAI-ARIA menu button (APG "Menu Button" pattern): the button says it opens a
 * menu (aria-haspopup, aria-expanded); Enter, Space or ArrowDown open it on the first folder,
 * ArrowUp on the last; in the menu the arrows, Home and End move, Enter/Space/click moves the
 * mail, Escape closes it and gives focus back to the button, Tab or a click elsewhere closes it.
 * One component for the reader's toolbar and the list's bulk toolbar.
 */
export function MoveMenu({ targets, onMove }: { targets: FolderChoice[]; onMove: (folderId: string) => void }) {
  const t = useTranslations('actions');
  const folderName = useFolderName();
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<Array<HTMLButtonElement | null>>([]);
  // Which item has focus while open; null when closed.
  const [active, setActive] = useState<number | null>(null);
  const open = active !== null;

  useEffect(() => {
    if (active !== null) items.current[active]?.focus();
  }, [active]);

  const close = (refocus: boolean) => {
    setActive(null);
    if (refocus) button.current?.focus();
  };
  const openAt = (index: number) => targets.length > 0 && setActive((index + targets.length) % targets.length);

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') openAt(0);
    else if (e.key === 'ArrowUp') openAt(-1);
    else return;
    e.preventDefault();
  };
  const onMenuKey = (e: KeyboardEvent) => {
    if (active === null) return;
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: -1 };
    if (e.key in moves) openAt(moves[e.key]!);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') return close(false);
    else return;
    e.preventDefault();
  };

  return (
    <div
      className="move-menu"
      onBlur={(e) => {
        if (open && !e.currentTarget.contains(e.relatedTarget as Node | null)) close(false);
      }}
    >
      <button
        ref={button}
        id={`${id}-button`}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        {t('moveTo')}
      </button>
      {open ? (
        <ul id={`${id}-menu`} role="menu" className="move-targets" aria-label={t('moveTargets')} onKeyDown={onMenuKey}>
          {targets.map((f, index) => (
            <li key={f.id} role="none">
              <button
                ref={(el) => void (items.current[index] = el)}
                type="button"
                role="menuitem"
                tabIndex={index === active ? 0 : -1}
                onClick={() => {
                  close(true);
                  onMove(f.id);
                }}
              >
                {folderName(f)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
