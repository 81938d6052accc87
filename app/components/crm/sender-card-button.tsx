'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import type { MailAddressView } from '../mailbox/message-detail-query';
import { formatAddress } from '../mailbox/reader-format';
import { SenderCard } from './sender-card';
import './crm.css';

/**
 * A sender or recipient in the reader: a button (click, Enter or Space) opening the sender card in
 * a modal dialog, which keeps focus inside, closes on Escape and gives focus back to this button.
 */
export function SenderCardButton({ address }: { address: MailAddressView }) {
  const t = useTranslations('senderCard');
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (open && element && !element.open) element.showModal();
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="address-button"
        aria-haspopup="dialog"
        aria-label={t('openCard', { address: formatAddress(address) })}
        onClick={() => setOpen(true)}
      >
        {formatAddress(address)}
      </button>
      {open ? (
        <dialog
          ref={dialog}
          className="sender-card-dialog"
          aria-label={t('label', { address: address.address })}
          onClose={() => setOpen(false)}
        >
          <SenderCard address={address} onClose={() => dialog.current?.close()} />
        </dialog>
      ) : null}
    </>
  );
}
