import 'server-only';
import { createHash } from 'node:crypto';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../../db/client.ts';
import { rateLimits } from '../../db/schema/index.ts';
import { addressBucket } from './address-bucket.ts';

/** The numbers of the sign-in limits; tests shrink them. */
export interface SignInLimitsOptions {
  /** Failed sign-ins per client address per window (one guesser spraying many accounts). @default 50 */
  perAddress: number;
  /** Failed sign-ins per account from one address per window; a success resets it. @default 10 */
  perAccountAndAddress: number;
  /** Window of the two limits above, in seconds. @default 900 (15 minutes) */
  windowSeconds: number;
  /**
   * Failed sign-ins per account from addresses it never signed in from, per `accountWindowSeconds`:
   * slows a guesser spread over many addresses. Addresses the account signed in from are exempt,
   * so an attacker cannot lock the real user out with it. @default 100
   */
  perAccount: number;
  /** @default 86400 (one day) */
  accountWindowSeconds: number;
  /** How long an address stays known for an account after a successful sign-in. @default 2592000 (30 days) */
  knownAddressSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimitsOptions = {
  perAddress: 50,
  perAccountAndAddress: 10,
  windowSeconds: 15 * 60,
  perAccount: 100,
  accountWindowSeconds: 24 * 60 * 60,
  knownAddressSeconds: 30 * 24 * 60 * 60,
};

/** One sign-in attempt, counted as a failure until `succeeded()` says otherwise. */
export type SignInAttempt =
  | { allowed: true; succeeded(): Promise<void> }
  | { allowed: false; /** ms until the first refusing limit frees up */ retryAfterMs: number };

export interface SignInLimits {
  /** Counts an attempt for `email` (normalised) from `address`; refuses it when a limit is reached. */
  attempt(email: string, address: string): Promise<SignInAttempt>;
}

/**
 * Sign-in limits over rate-limiter-flexible's `RateLimiterDrizzle` (issue 8, item 3): the
 * counters are rows of `rate_limits` on our database handle, the same code on PostgreSQL and
 * PGlite, shared by every process and atomic (one `INSERT … ON CONFLICT` per count), so
 * parallel guesses cannot slip under a limit. Only failures count: each attempt is counted
 * up front and given back when the password was right. Keys are SHA-256 hashes (item 2): a
 * client's string never reaches the table, whatever its size. No in-memory state.
 */
export function createSignInLimits(db: Db, options: SignInLimitsOptions = DEFAULT_SIGN_IN_LIMITS): SignInLimits {
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    // clearExpiredByTimeout: off, the housekeeping job deletes expired rows and stops on close.
    new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix, points, duration, clearExpiredByTimeout: false });
  const byAddress = limiter('signin-ip', options.perAddress, options.windowSeconds);
  const byAccountAndAddress = limiter('signin-acct-ip', options.perAccountAndAddress, options.windowSeconds);
  const byAccount = limiter('signin-acct', options.perAccount, options.accountWindowSeconds);
  const knownAddresses = limiter('signin-known', 1, options.knownAddressSeconds);

  return {
    async attempt(email, clientAddress) {
      const address = addressBucket(clientAddress);
      const account = limitKey('account', email);
      const accountAddress = limitKey('account+address', email, address);
      const addressKey = limitKey('address', address);
      // An address over its limit is refused on a read: a flood from it writes no rows, so
      // it cannot grow the table with one row per invented e-mail address.
      const addressState = await byAddress.get(addressKey);
      if (addressState && addressState.consumedPoints >= options.perAddress) {
        return { allowed: false, retryAfterMs: addressState.msBeforeNext };
      }
      const byIp = await countAttempt([[byAddress, addressKey]]);
      if (!byIp.allowed) return byIp;
      const known = (await knownAddresses.get(accountAddress)) !== null;
      const byAccountLimits = await countAttempt([
        [byAccountAndAddress, accountAddress],
        ...(known ? [] : [[byAccount, account] as Counter]),
      ]).catch(async (error: unknown) => {
        await byAddress.reward(addressKey).catch(() => {});
        throw error;
      });
      if (!byAccountLimits.allowed) {
        await byAddress.reward(addressKey);
        return byAccountLimits;
      }
      return {
        allowed: true,
        async succeeded() {
          await Promise.all([
            byAddress.reward(addressKey),
            byAccountAndAddress.delete(accountAddress),
            known ? null : byAccount.reward(account),
            knownAddresses.set(accountAddress, 1, options.knownAddressSeconds),
          ]);
        },
      };
    },
  };
}

type Counter = [RateLimiterDrizzle, string];

/**
 * Counts one attempt on each limiter (atomic upserts, so parallel guesses cannot slip under a
 * limit). When one refuses, every point is given back: a refused attempt tested no password,
 * so it is not a guess. A database error gives the points back too and is rethrown.
 */
async function countAttempt(counters: Counter[]): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }> {
  const results = await Promise.allSettled(counters.map(([rl, key]) => rl.consume(key)));
  const giveBack = () => Promise.all(counters.map(([rl, key], i) => (counts(results[i]) ? rl.reward(key) : null)));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !isRefusal(r));
  if (failure) {
    await giveBack().catch(() => {});
    throw failure.reason;
  }
  const refusals = results.filter(isRefusal).map((r) => (r.reason as RateLimiterRes).msBeforeNext);
  if (!refusals.length) return { allowed: true };
  await giveBack();
  return { allowed: false, retryAfterMs: Math.max(...refusals) };
}

function counts(result: PromiseSettledResult<unknown> | undefined): boolean {
  return result?.status === 'fulfilled' || isRefusal(result);
}

function isRefusal(result: PromiseSettledResult<unknown> | undefined): result is PromiseRejectedResult {
  return result?.status === 'rejected' && result.reason instanceof RateLimiterRes;
}

/** A fixed-length key: SHA-256 of the parts (an e-mail string can be 1 MB; its hash is 64 characters). */
export function limitKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}
