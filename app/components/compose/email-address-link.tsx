'use client';
import { formatAddress } from '../mailbox/reader-format';
import type { AddressView } from './reply-recipients';
import { MAIL_LINK_COOKIE, cookieValue, parseMailLink } from './compose-settings';
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
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        if (parseMailLink(cookieValue(document.cookie, MAIL_LINK_COOKIE)) === 'mailto') return;
        event.preventDefault();
        open({ mode: 'new' }, `mailto:${address.address}`);
      }}
    >
      {text}
    </a>
  );
}
