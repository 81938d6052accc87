/** A mail address as the reader has it (name may be empty). */
export interface AddressView {
  name: string;
  address: string;
}

export interface ReplySource {
  from: AddressView[];
  replyTo: AddressView[];
  to: AddressView[];
  cc: AddressView[];
}

/**
 * Who an answer goes to (RFC 5322 §3.6.3: Reply-To when the author set one, else From).
 * Reply all adds the original To and Cc. The user's own addresses are never among the
 * recipients. When the user wrote the original, "reply" means "write to the same people again"
 * (the original To), as Gmail and Thunderbird do; only a note to self goes back to self. No
 * address appears twice.
 */
export function replyRecipients(
  message: ReplySource,
  mode: 'reply' | 'replyAll',
  ownAddresses: readonly string[],
): { to: string[]; cc: string[] } {
  const own = new Set(ownAddresses.map((a) => a.toLowerCase()));
  const isOwn = (a: AddressView) => own.has(a.address.toLowerCase());
  const fromSelf = message.from.length > 0 && message.from.every(isOwn);
  const authors = message.replyTo.length ? message.replyTo : message.from;
  const primary = fromSelf ? message.to : authors;
  const seen = new Set<string>();
  const take = (list: AddressView[], keepOwn = false) =>
    list.filter((a) => {
      const key = a.address.toLowerCase();
      if (!a.address || seen.has(key) || (own.has(key) && !keepOwn)) return false;
      seen.add(key);
      return true;
    });
  // A note to self (the user its only recipient) is answered to self.
  const others = primary.filter((a) => !isOwn(a));
  const to = take(others.length ? others : primary, true);
  if (mode === 'reply') return { to: to.map(formatRecipient), cc: [] };
  const moreTo = fromSelf ? [] : take(message.to.filter((a) => !isOwn(a)));
  const cc = take(message.cc.filter((a) => !isOwn(a)));
  return { to: [...to, ...moreTo].map(formatRecipient), cc: cc.map(formatRecipient) };
}

/** `Ann <ann@x.nl>`, quoting a name that holds anything beyond letters, digits, spaces and . ' - (RFC 5322 §3.2.4). */
export function formatRecipient({ name, address }: AddressView): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.toLowerCase() === address.toLowerCase()) return address;
  const display = /^[\p{L}\p{N} .'-]+$/u.test(trimmed) ? trimmed : `"${trimmed.replace(/(["\\])/g, '\\$1')}"`;
  return `${display} <${address}>`;
}
