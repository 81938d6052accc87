import { splitAddresses } from '../../../lib/compose/parse-mailto';
import { MAX_RECIPIENT_CHARS } from './compose-limits';

/** One recipient as the composer shows it: valid ones are sent, invalid ones block Send. */
export interface RecipientChip {
  text: string;
  valid: boolean;
}

/**
 * Typed or pasted text ("Ann <ann@x.nl>, bob@y.com; junk") as chips, each checked by the same
 * address reader as mailto links; an address already in `existing` is not added again.
 */
export function chipsFromText(text: string, existing: readonly RecipientChip[]): RecipientChip[] {
  const seen = new Set(existing.map((c) => bare(c.text)));
  const out: RecipientChip[] = [];
  for (const entry of splitAddresses(text)) {
    const chip =
      'address' in entry
        ? { text: entry.address, valid: entry.address.length <= MAX_RECIPIENT_CHARS }
        : { text: entry.invalid, valid: false };
    if (seen.has(bare(chip.text))) continue;
    seen.add(bare(chip.text));
    out.push(chip);
  }
  return out;
}

/** Chips for addresses the composer was opened with (a reply, a mailto link). */
export function chipsFromList(list: readonly string[]): RecipientChip[] {
  return chipsFromText(list.join(', '), []);
}

function bare(formatted: string): string {
  return (/<([^<>]+)>$/.exec(formatted)?.[1] ?? formatted).toLowerCase();
}
