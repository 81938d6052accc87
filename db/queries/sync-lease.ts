import 'server-only';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { mailAccounts, type MailAccount } from '../schema/index.ts';

/**
 * Which process syncs which account. Several server processes share one PostgreSQL; each account
 * must be synced by exactly one of them (two would each IMPORT, IDLE and publish everything
 * twice). A lease is a row lock with a clock: the holder renews it well before it expires, and a
 * crashed holder's lease simply runs out. Times come from the database's clock, never a process's,
 * so processes with skewed clocks still agree.
 */

/** The accounts a supervisor should sync: connected ones, whoever holds them now. */
export async function listSyncableAccounts(db: Db): Promise<Array<{ id: string; tenantId: string; updatedAt: Date }>> {
  return db
    .select({ id: mailAccounts.id, tenantId: mailAccounts.tenantId, updatedAt: mailAccounts.updatedAt })
    .from(mailAccounts)
    .where(eq(mailAccounts.status, 'connected'));
}

/**
 * Connected accounts nobody holds: never leased, released by a clean stop, or expired (the holder
 * died). The supervisor's frequent sweep (sync-tuning.ts `leaseSweepMs`) takes these; one query,
 * unlike the full refresh.
 */
export async function listFreeAccounts(db: Db): Promise<Array<{ id: string; tenantId: string; updatedAt: Date }>> {
  return db
    .select({ id: mailAccounts.id, tenantId: mailAccounts.tenantId, updatedAt: mailAccounts.updatedAt })
    .from(mailAccounts)
    .where(
      and(
        eq(mailAccounts.status, 'connected'),
        or(isNull(mailAccounts.syncLeaseHolder), lt(mailAccounts.syncLeaseExpiresAt, sql`now()`)),
      ),
    );
}

/** The account with its sealed credentials, only while it is connected and we hold its lease. */
export async function loadLeasedAccount(db: Db, accountId: string, holder: string): Promise<MailAccount | undefined> {
  const [row] = await db
    .select()
    .from(mailAccounts)
    .where(and(eq(mailAccounts.id, accountId), eq(mailAccounts.syncLeaseHolder, holder), eq(mailAccounts.status, 'connected')));
  return row;
}

/**
 * Takes the account's lease for `ttlMs` if it is free, expired or already ours (then it is
 * renewed). One UPDATE … WHERE … RETURNING: of two processes racing, exactly one row update wins.
 */
export async function acquireSyncLease(db: Db, accountId: string, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await db
    .update(mailAccounts)
    .set({ syncLeaseHolder: holder, syncLeaseExpiresAt: sql`now() + ${`${Math.ceil(ttlMs)} milliseconds`}::interval` })
    .where(
      and(
        eq(mailAccounts.id, accountId),
        eq(mailAccounts.status, 'connected'),
        or(
          isNull(mailAccounts.syncLeaseHolder),
          eq(mailAccounts.syncLeaseHolder, holder),
          lt(mailAccounts.syncLeaseExpiresAt, sql`now()`),
        ),
      ),
    )
    .returning({ id: mailAccounts.id });
  return rows.length === 1;
}

/** Extends a lease we hold; false if it is no longer ours (it expired and another process took it). */
export async function renewSyncLease(db: Db, accountId: string, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await db
    .update(mailAccounts)
    .set({ syncLeaseExpiresAt: sql`now() + ${`${Math.ceil(ttlMs)} milliseconds`}::interval` })
    .where(and(eq(mailAccounts.id, accountId), eq(mailAccounts.syncLeaseHolder, holder)))
    .returning({ id: mailAccounts.id });
  return rows.length === 1;
}

/** Gives the lease back (a clean stop), so another process can take over at once; 'live'/'importing' become 'idle'. */
export async function releaseSyncLease(db: Db, accountId: string, holder: string): Promise<void> {
  await db
    .update(mailAccounts)
    .set({
      syncLeaseHolder: null,
      syncLeaseExpiresAt: null,
      syncState: sql`case when ${mailAccounts.syncState} = 'error' then 'error' else 'idle' end`,
    })
    .where(and(eq(mailAccounts.id, accountId), eq(mailAccounts.syncLeaseHolder, holder)));
}

/**
 * What the runner is doing, for the UI and the admin console; `lastSyncedAt` when caught up.
 * 'connecting' carries why (the connection was lost, the server does not answer): while the
 * server is unreachable the account says so, in `last_error_code`/`last_error_message` (issue 8
 * item 12: it said 'live' throughout a network cut). 'importing' and 'live' clear that reason;
 * a problem a person must fix is recorded by markAccountSyncFailed instead.
 */
export async function setAccountSyncState(
  db: Db,
  accountId: string,
  holder: string,
  state:
    | { syncState: 'connecting'; reason: { code: string; message: string } | null }
    | { syncState: 'importing' }
    | { syncState: 'live'; lastSyncedAt: Date },
): Promise<void> {
  const reason = state.syncState === 'connecting' ? state.reason : null;
  await db
    .update(mailAccounts)
    .set({
      syncState: state.syncState,
      ...(state.syncState === 'live' ? { lastSyncedAt: state.lastSyncedAt } : {}),
      // A first connect has no reason of its own: keep the one a reconnect recorded.
      ...(state.syncState === 'connecting' && !reason
        ? {}
        : { lastErrorCode: reason?.code ?? null, lastErrorMessage: reason?.message ?? null }),
    })
    .where(and(eq(mailAccounts.id, accountId), eq(mailAccounts.syncLeaseHolder, holder)));
}

/**
 * A problem a person must fix (wrong password, IMAP turned off, untrusted certificate): the
 * account leaves the sync until the settings are saved again, which sets `status` back to
 * 'connected' (lib/mail-accounts/manage-mail-account.ts). The lease is released in the same update.
 */
export async function markAccountSyncFailed(
  db: Db,
  accountId: string,
  failure: { status: 'reconnect_required' | 'error'; code: string; message: string },
): Promise<void> {
  await db
    .update(mailAccounts)
    .set({
      status: failure.status,
      lastErrorCode: failure.code,
      lastErrorMessage: failure.message,
      syncState: 'error',
      syncLeaseHolder: null,
      syncLeaseExpiresAt: null,
      updatedAt: new Date(),
    })
    .where(eq(mailAccounts.id, accountId));
}
