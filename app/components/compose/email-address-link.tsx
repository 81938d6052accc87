'use client';
import type { ReactNode } from 'react';
import { formatAddress } from '../mailbox/reader-format';
import type { AddressView } from './reply-recipients';
import { opensComposer } from './compose-settings';
import { useOpenComposer } from './use-open-composer';

/**
 * An e-mail address in the product (the reader's From/To/Cc, later CRM persons): a mailto: link,
 * which opens our composer instead unless Local settings chose "this computer's mail app". The
 * choice is read at click time (a cookie), so a change applies without reload; Ctrl/Cmd-click
 * and middle-click keep the browser's own behaviour.
 */
export function EmailAddressLink({
  address,
  children,
  className,
  onClick,
}: {
  address: AddressView;
  /** What the link says instead of the address (the sender card's "Write e-mail"). */
  children?: ReactNode;
  className?: string;
  /** Called on every click before the link does its work (the sender card closes itself). */
  onClick?: () => void;
}) {
  const open = useOpenComposer();
  const text = formatAddress(address);
  return (
    <a
      className={className}
      href={`mailto:${encodeURIComponent(address.address).replace(/%40/g, '@')}`}
      onClick={(event) => {
        onClick?.();
        if (!opensComposer(event, document.cookie)) return;
        event.preventDefault();
        open({ mode: 'new' }, `mailto:${address.address}`);
      }}
    >
      {children ?? text}
    </a>
  );
}
