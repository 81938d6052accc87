'use client';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuButtonItem {
  label: string;
  onSelect: () => void;
}

/**
 * A "⋯" menu button (WAI-ARIA APG menu button pattern): Enter, Space or ArrowDown open it on the
 * first item, arrows/Home/End move, Escape closes and gives focus back, focus leaving closes it.
 * Used by a folder's actions and a message row's actions.
 */
export function MenuButton({
  label,
  describedBy,
  className,
  buttonClassName,
  items,
}: {
  /** The button's and the menu's accessible name. */
  label: string;
  /** The id of what the actions are about (the folder's name, the row), as the description. */
  describedBy?: string;
  className: string;
  buttonClassName: string;
  items: MenuButtonItem[];
}) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuItems = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (open) menuItems()[0]?.focus();
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
    const all = menuItems();
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
      className={className}
      // Focus leaving the menu (Tab, a click elsewhere) closes it, as menus do.
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={buttonClassName}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
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
        <ul ref={menu} id={menuId} role="menu" aria-label={label} onKeyDown={onMenuKey}>
          {items.map((item) => (
            <li key={item.label} role="none">
              <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(item.onSelect)}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
