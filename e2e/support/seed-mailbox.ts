import type { AttachedMailStack } from '../mail-stack/index.ts';
import { withImap } from './with-imap.ts';

/** A small but real message (RFC 5322) for seeding. */
export function sampleMessage(i: number, to: string, date: Date): string {
  return [
    `From: "Customer ${i}" <customer${i}@example.net>`,
    `To: ${to}`,
    `Subject: Seeded message ${i}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <seed-${i}-${date.getTime()}@example.net>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, this is seeded message number ${i}.`,
    '',
  ].join('\r\n');
}

/**
 * APPENDs `count` messages to INBOX with INTERNALDATEs spread over the last `days` days
 * (LMTP delivery cannot set INTERNALDATE). Newest is message `count`.
 */
export async function seedMailbox(
  stack: AttachedMailStack,
  email: string,
  password: string,
  count: number,
  days: number,
): Promise<void> {
  await withImap(stack, email, password, async (client) => {
    const now = Date.now();
    const step = (days * 86_400_000) / Math.max(count, 1);
    const appends: Promise<unknown>[] = [];
    for (let i = 1; i <= count; i++) {
      const date = new Date(now - (count - i + 1) * step);
      appends.push(client.append('INBOX', sampleMessage(i, email, date), [], date));
    }
    await Promise.all(appends);
  });
}

/** APPENDs one message (a real RFC 5322 source, e.g. a reader fixture) to INBOX. */
export async function appendMessage(
  stack: AttachedMailStack,
  email: string,
  password: string,
  source: Buffer | string,
): Promise<void> {
  await withImap(stack, email, password, async (client) => {
    await client.append('INBOX', source, [], new Date());
  });
}
