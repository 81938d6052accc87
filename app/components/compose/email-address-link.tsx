'use client';
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
export function EmailAddressLink({ address }: { address: AddressView }) {
  const open = useOpenComposer();
  const text = formatAddress(address);
  return (
    <a
      href={`mailto:${encodeURIComponent(address.address).replace(/%40/g, '@')}`}
      onClick={(event) => {
        if (!opensComposer(event, document.cookie)) return;
        event.preventDefault();
        open({ mode: 'new' }, `mailto:${address.address}`);
      }}
    >
      {text}
    </a>
  );
}
