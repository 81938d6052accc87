import type { useFormatter } from 'next-intl';
import type { MailAddressView } from './message-detail-query';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * A size in the page's language (next-intl's formatter): "812 bytes", "1.4 MB" / "1,4 MB"
 * (1 kB = 1,000 bytes, as Intl's units are).
 */
export function formatSize(bytes: number, format: ReturnType<typeof useFormatter>): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return format.number(value, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  });
}

/** "Ann Smith <ann@example.com>", or the address alone. */
export function formatAddress({ name, address }: MailAddressView): string {
  return name && name !== address ? `${name} <${address}>` : address;
}
