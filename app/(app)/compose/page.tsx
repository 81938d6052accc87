import { redirect } from 'next/navigation';
import { MAILTO_MAX_LENGTH } from '../../../lib/compose/parse-mailto';

/**
 * `/compose?mailto=<url>`: the address the browser opens for mailto: links once CRM Inbox is the
 * handler (navigator.registerProtocolHandler, Local settings), and `/compose` for a new message.
 * The composer lives over the inbox, so this only forwards there; the link is read in the
 * browser by parseMailto (RFC 6068), never trusted to set anything but the composer's fields.
 */
export default async function ComposePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { mailto } = await searchParams;
  const link = typeof mailto === 'string' && mailto.length <= MAILTO_MAX_LENGTH ? mailto : null;
  const params = new URLSearchParams({ compose: 'new' });
  if (link) params.set('mailto', link);
  redirect(`/inbox?${params.toString()}`);
}
