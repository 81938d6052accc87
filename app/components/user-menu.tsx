'use client';
import { gql } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

const SIGN_OUT = gql`
  mutation SignOut {
    signOut
  }
`;

/**
 * The user menu (WAI-ARIA menu button): Enter/Space/ArrowDown open it, arrows move,
 * Escape closes and returns focus to the button.
 */
export function UserMenu({ name, email, isAdmin }: { name: string; email: string; isAdmin: boolean }) {
  const t = useTranslations('userMenu');
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [signOut] = useMutation(SIGN_OUT);

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  function onMenuKey(event: KeyboardEvent) {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      all[(index + 1) % all.length]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      all[(index - 1 + all.length) % all.length]?.focus();
    }
  }

  async function doSignOut() {
    try {
      await signOut();
    } finally {
      window.location.assign('/sign-in');
    }
  }

  return (
    <div className="user-menu">
      <button
        ref={button}
        type="button"
        className="user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="user-menu"
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className="avatar" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span>{name}</span>
      </button>
      {open ? (
        <div ref={menu} id="user-menu" role="menu" aria-label={t('label')} className="menu" onKeyDown={onMenuKey}>
          <p className="menu-caption">{email}</p>
          <Link role="menuitem" href="/settings/local" onClick={() => setOpen(false)}>
            {t('localSettings')}
          </Link>
          <Link role="menuitem" href="/settings/email" onClick={() => setOpen(false)}>
            {t('emailOptions')}
          </Link>
          {isAdmin ? (
            <Link role="menuitem" href="/admin" onClick={() => setOpen(false)}>
              {t('admin')}
            </Link>
          ) : null}
          <button role="menuitem" type="button" onClick={doSignOut}>
            {t('signOut')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
