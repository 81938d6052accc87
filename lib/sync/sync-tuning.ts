import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { DEFAULT_IMAP_TIMEOUTS, type ImapTimeouts } from '../mail/imap/imap-timeouts.ts';

/** The knobs of the sync engine; tests turn them down to keep the suite fast. */
export interface SyncTuning {
  /** UIDs per ENVELOPE/BODYSTRUCTURE fetch and per insert transaction. @default 250 */
  envelopeBatch: number;
  /**
   * Messages per source fetch and per body-write transaction. Each batch costs a handful of
   * database round trips, and each round trip waits for an event loop busy parsing: 50 took
   * 31 s for the 10k bench corpus, 250 took 23 s (2 cores). @default 250
   */
  bodyBatchMessages: number;
  /**
   * Raw bytes per source fetch, so a run of 20 MB attachments does not sit in memory at once;
   * with two batches fetched ahead this bounds what an import holds. 8 MiB peaked at 274 MiB
   * RSS on the bench corpus, 4 MiB at 241 MiB, for about the same time. @default 4 MiB
   */
  bodyBatchBytes: number;
  /**
   * How often the account's connection leaves INBOX to check the other folders (one LIST-STATUS,
   * RFC 5819, then only the folders whose UIDNEXT or HIGHESTMODSEQ moved). Only INBOX gets IDLE:
   * IDLE watches the one selected mailbox per connection (RFC 2177), and a connection per folder
   * would hit provider limits (Gmail allows ≈ 15 simultaneous IMAP connections per account,
   * shared with the person's phone and desktop client).
   * @default 30 s
   */
  pollIntervalMs: number;
  /**
   * Without CONDSTORE a polled folder is only looked into when UIDNEXT, MESSAGES or UNSEEN moved,
   * and fully every this many rounds, for flag changes those do not show (skip-unchanged-folder.ts).
   * @default 10 (5 min at the default poll interval)
   */
  noModseqFullCheckRounds: number;
  /**
   * A lease not renewed for this long is free for another process. With the sweep below, the
   * account of a process that died (kill -9, a lost host) is resumed elsewhere within
   * ttl + sweep ≈ 25 s (issue 8 item 15: it took 77 s with a 60 s lease and a 30 s refresh).
   * A process whose event loop stalls longer than this loses its accounts (it notices at its
   * next renewal and stops them, account-runner.ts).
   * @default 20 s
   */
  leaseTtlMs: number;
  /** @default 5 s: four chances to renew before the lease runs out */
  leaseRenewMs: number;
  /**
   * How often the supervisor looks for free leases (released, expired): one query. A lease
   * released by a clean stop is also announced on the bus (SYNC_LEASES_TOPIC), which triggers
   * the sweep at once.
   * @default 5 s
   */
  leaseSweepMs: number;
  /** The supervisor re-reads all accounts this often (new, removed, changed settings, windows). @default 30 s */
  refreshIntervalMs: number;
  /**
   * How often the supervisor deletes attachment bytes no message points at any more (expunged
   * mail; sweepUnreferencedBlobs). Every process sweeps; a sweep that finds nothing is one query.
   * @default 1 h
   */
  blobSweepIntervalMs: number;
  /** Progress events per account at most this often. @default 250 ms (≤ 4/s) */
  progressIntervalMs: number;
  backoff: BackoffOptions;
  /** IMAP connect and liveness timeouts (open-imap-client.ts); tests shorten them. @default DEFAULT_IMAP_TIMEOUTS */
  imapTimeouts: ImapTimeouts;
}

export const DEFAULT_SYNC_TUNING: SyncTuning = {
  envelopeBatch: 250,
  bodyBatchMessages: 250,
  bodyBatchBytes: 4 * 1024 * 1024,
  pollIntervalMs: 30_000,
  noModseqFullCheckRounds: 10,
  leaseTtlMs: 20_000,
  leaseRenewMs: 5_000,
  leaseSweepMs: 5_000,
  refreshIntervalMs: 30_000,
  blobSweepIntervalMs: 60 * 60_000,
  progressIntervalMs: 250,
  backoff: DEFAULT_BACKOFF,
  imapTimeouts: DEFAULT_IMAP_TIMEOUTS,
};
