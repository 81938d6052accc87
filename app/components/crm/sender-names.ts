/** Leading labels that name a mail host rather than the organisation ("mail.acme.nl" is Acme's). */
const HOST_LABELS = new Set(['www', 'mail', 'email', 'smtp', 'mx', 'post']);

/** The domain of an address, lower-cased; '' when it has none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/**
 * A company name to start from for a domain: its first label that is not a host name, capitalised
 * ("sales-team.acme.nl" → "Sales-team", "mail.acme.nl" → "Acme"). A suggestion only: the person
 * renames it on the company's page; the domain itself is what links mail to it.
 */
export function companyNameFromDomain(domain: string): string {
  const labels = domain.toLowerCase().split('.').filter(Boolean);
  const label = labels.find((l, i) => !HOST_LABELS.has(l) || i === labels.length - 2) ?? domain;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/**
 * A new person's name from a sender: the display name as the mail said it ("Jansen, Jan" stays);
 * without one, the local part made readable ("jan.de.vries" → "Jan De Vries").
 */
export function personNameFromSender(name: string, address: string): string {
  const display = name
    .trim()
    .replace(/^["']|["']$/g, '')
    .trim();
  if (display && display.toLowerCase() !== address.toLowerCase()) return display.slice(0, 200);
  const local = address.slice(0, Math.max(address.lastIndexOf('@'), 0)) || address;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ')
    .slice(0, 200);
}
