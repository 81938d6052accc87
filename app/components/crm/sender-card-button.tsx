'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { MailAddressView } from '../mailbox/message-detail-query';
import { formatAddress } from '../mailbox/reader-format';
import { SenderCard } from './sender-card';
import './crm.css';

/** A mouse resting this long on an address shows its card. @default 500 ms */
const HOVER_OPEN_MS = 500;
/** Leaving the address or the card closes it after this grace (time to move between them). @default 300 ms */
const HOVER_CLOSE_MS = 300;
/** The card's width (crm.css), to keep a hover card inside the window. */
const CARD_WIDTH = 420;

/**
 * A sender or recipient in the reader: a button (click, Enter or Space) opening the sender card in
 * a modal dialog, which keeps focus inside, closes on Escape and gives focus back to this button.
 * A mouse resting on it shows the same card beside it without taking focus (issue 12, "clicking or
 * hovering"), as WCAG 1.4.13 asks of content on hover: it stays while the pointer is over the
 * address or the card, Escape dismisses it, and a click still opens the modal card.
 */
export function SenderCardButton({ address }: { address: MailAddressView }) {
  const t = useTranslations('senderCard');
  const [mode, setMode] = useState<'hover' | 'modal' | null>(null);
  const [hoverAt, setHoverAt] = useState<CSSProperties>({});
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  const later = (ms: number, action: () => void) => {
    clearTimer();
    timer.current = setTimeout(action, ms);
  };
  useEffect(() => clearTimer, []);

  useEffect(() => {
    const element = dialog.current;
    if (mode === 'modal' && element && !element.open) element.showModal();
  }, [mode]);

  useEffect(() => {
    if (mode !== 'hover') return;
    const dismiss = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMode(null);
    };
    document.addEventListener('keydown', dismiss);
    return () => document.removeEventListener('keydown', dismiss);
  }, [mode]);

  const showHover = () => {
    const rect = button.current?.getBoundingClientRect();
    if (!rect) return;
    // Fixed: the reader's panes clip what overflows them.
    setHoverAt({ top: rect.bottom + 4, left: Math.max(8, Math.min(rect.left, window.innerWidth - CARD_WIDTH - 16)) });
    setMode((m) => m ?? 'hover');
  };
  const stayWhileHovered = {
    onPointerEnter: clearTimer,
    onPointerLeave: () => later(HOVER_CLOSE_MS, () => setMode((m) => (m === 'hover' ? null : m))),
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="address-button"
        aria-haspopup="dialog"
        aria-label={t('openCard', { address: formatAddress(address) })}
        onClick={() => {
          clearTimer();
          setMode('modal');
        }}
        onPointerEnter={(e) => {
          if (e.pointerType !== 'mouse') return;
          if (mode === 'hover') clearTimer();
          else if (mode === null) later(HOVER_OPEN_MS, showHover);
        }}
        onPointerLeave={(e) => {
          if (e.pointerType !== 'mouse') return;
          if (mode === 'hover') stayWhileHovered.onPointerLeave();
          else if (mode === null) clearTimer();
        }}
      >
        {formatAddress(address)}
      </button>
      {mode === 'hover' ? (
        <dialog
          open
          className="sender-card-dialog sender-card-hover"
          style={hoverAt}
          aria-label={t('label', { address: address.address })}
          {...stayWhileHovered}
        >
          <SenderCard address={address} onClose={() => setMode(null)} />
        </dialog>
      ) : null}
      {mode === 'modal' ? (
        <dialog
          ref={dialog}
          className="sender-card-dialog"
          aria-label={t('label', { address: address.address })}
          onClose={() => setMode(null)}
        >
          <SenderCard address={address} onClose={() => dialog.current?.close()} />
        </dialog>
      ) : null}
    </>
  );
}
