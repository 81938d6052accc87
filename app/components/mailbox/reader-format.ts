import type { MailAddressView } from './message-detail-query';

/** A date in the browser's language and time zone, e.g. "Wednesday 2 December 2026 at 14:05". */
export function formatMailDate(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** A size in the browser's language: "812 bytes", "1.4 MB" (1 kB = 1,000 bytes, as Intl's units are). */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(undefined, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** "Ann Smith <ann@example.com>", or the address alone. */
export function formatAddress({ name, address }: MailAddressView): string {
  return name && name !== address ? `${name} <${address}>` : address;
}
