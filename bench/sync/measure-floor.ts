/**
 * (a) The floor: what it costs just to get every message of the window out of Dovecot, with
 * nothing done to it. One imapflow connection, per folder `UID SEARCH SINCE <window start>`
 * (RFC 3501 §6.4.4) and one `UID FETCH <set> (BODY.PEEK[])` streaming every source. The product's
 * import can only be slower; the ratio says by how much. Over IMAPS, as the product connects:
 * TLS is part of the floor (Dovecot 2.3's imap-login process encrypts and relays every byte).
 */
import { performance } from 'node:perf_hooks';
import { importWindowStart } from '../../lib/sync/import-window.ts';
import { closeImap, connectImap, type BenchMailbox } from './bench-imap.ts';

export interface FloorResult {
  days: number;
  /** Over cleartext IMAP instead of IMAPS: a reference for what TLS costs, not the floor. */
  plain: boolean;
  messages: number;
  /** Source bytes received (CRLF, as served). */
  bytes: number;
  /** Login to logout, as the import is timed. */
  ms: number;
  perFolder: Record<string, number>;
}

/** The folders the corpus fills; the product imports these plus the empty special-use ones. */
export const BENCH_FOLDERS = ['INBOX', 'Sent'] as const;

export async function measureFloor(mailbox: BenchMailbox, days: number, options: { plain?: boolean } = {}): Promise<FloorResult> {
  const started = performance.now();
  const since = importWindowStart(days);
  const perFolder: Record<string, number> = {};
  let messages = 0;
  let bytes = 0;
  const client = await connectImap(mailbox, { plain: options.plain });
  try {
    for (const folder of BENCH_FOLDERS) {
      const lock = await client.getMailboxLock(folder);
      try {
        const uids = (await client.search({ since }, { uid: true })) || [];
        perFolder[folder] = uids.length;
        if (!uids.length) continue;
        for await (const message of client.fetch(uids, { uid: true, source: true }, { uid: true })) {
          messages++;
          bytes += message.source?.length ?? 0;
        }
      } finally {
        lock.release();
      }
    }
  } finally {
    await closeImap(client);
  }
  return { days, plain: !!options.plain, messages, bytes, ms: performance.now() - started, perFolder };
}
