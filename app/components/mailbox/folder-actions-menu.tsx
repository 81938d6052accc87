'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

/**
 * The "Folder actions" menu button of one user folder (WAI-ARIA APG menu button pattern): Enter,
 * Space or ArrowDown open it on the first item, arrows move, Escape closes and gives focus back.
 */
export function FolderActionsMenu({
  describedBy,
  onRename,
  onDelete,
}: {
  /** The id of the folder's name beside it: the button is "Folder actions", described by the folder. */
  describedBy: string;
  onRename: () => void;
  onDelete: () => void;
}) {
  const t = useTranslations('folders');
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (open) items()[0]?.focus();
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const choose = (action: () => void) => {
    setOpen(false);
    action();
  };
  const onMenuKey = (event: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const go = (index: number) => all[(index + all.length) % all.length]?.focus();
    if (event.key === 'Escape') close(true);
    else if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(all.length - 1);
    else return;
    event.preventDefault();
  };

  return (
    <div
      className="folder-menu"
      // Focus leaving the menu (Tab, a click elsewhere) closes it, as menus do.
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="folder-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        // Named "Folder actions" without the folder's name, so that a folder's own button stays the
        // only one whose name contains it (and is found by it); the folder is the description.
        aria-label={t('actions')}
        aria-describedby={describedBy}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
          <circle cx="3" cy="8" r="1.5" fill="currentColor" />
          <circle cx="8" cy="8" r="1.5" fill="currentColor" />
          <circle cx="13" cy="8" r="1.5" fill="currentColor" />
        </svg>
      </button>
      {open ? (
        <ul ref={menu} id={menuId} role="menu" aria-label={t('actions')} onKeyDown={onMenuKey}>
          <li role="none">
            <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(onRename)}>
              {t('rename')}
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(onDelete)}>
              {t('delete')}
            </button>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
