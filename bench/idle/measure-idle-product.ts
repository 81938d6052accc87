/**
 * bench:idle, the product: the sync supervisor (lib/sync/sync-supervisor.ts) in this process, on a
 * fresh migrated PostgreSQL database, with default tuning. Memory is measured after a full GC with
 * the supervisor running and no account (the baseline), then each time the accounts of the next
 * stage were added and all of them are live (imported, INBOX idling, the other folders polled).
 *
 * Run by run-idle-bench.ts, bundled (idle-child.ts), so the RSS is the product's and not tsx's.
 */
import { X509Certificate, randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { createTestDatabase } from '../../e2e/support/test-database.ts';
import { loadCredentialsKey } from '../../lib/crypto/mail-credentials-key.ts';
import { seal } from '../../lib/crypto/secret-box.ts';
import { createInProcessBus } from '../../lib/events/in-process-bus.ts';
import { startSyncSupervisor } from '../../lib/sync/sync-supervisor.ts';
import {
  childMain,
  countConnections,
  memoryAfterGc,
  until,
  type IdleResult,
  type IdleSpec,
  type MemoryPoint,
} from './idle-child.ts';

async function measureProduct(spec: IdleSpec): Promise<IdleResult> {
  const testDb = await createTestDatabase('crm_bench_idle');
  try {
    const database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    const bus = createInProcessBus();
    try {
      await migrateDatabase(database);
      const key = loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent');
      const logs: string[] = [];
      const supervisor = startSyncSupervisor({
        database,
        bus,
        credentialsKey: key,
        network: { guard: { mode: 'onsite' } },
        allowPlaintextAuth: false,
        downloadDays: async () => 30,
        log: (msg, extra) => logs.push(`${msg}${extra instanceof Error ? `: ${extra.message}` : ''}`),
      });
      try {
        const port = spec.mailboxes[0]!.imapsPort;
        const accountIds: string[] = [];
        const points: MemoryPoint[] = [];
        let heapSnapshot: string | undefined;
        for (const stage of spec.stages) {
          const started = performance.now();
          for (const mailbox of spec.mailboxes.slice(accountIds.length, stage)) {
            const { accountId } = await insertTestAccount(database.db, {
              email: mailbox.email,
              host: mailbox.host,
              imapPort: mailbox.imapsPort,
              sealed: seal(mailbox.password, key),
              fingerprint: new X509Certificate(mailbox.certPem).fingerprint256,
              tenantName: `bench ${mailbox.email}`,
            });
            accountIds.push(accountId);
          }
          await supervisor.refresh();
          await until(
            () => accountIds.every((id) => supervisor.status(id)?.phase === 'live'),
            `${stage} accounts live (${logs.at(-1) ?? 'no log'})`,
          );
          const liveAfterMs = performance.now() - started;
          // Live means both loops finished a pass; the connections are the state to wait for too.
          const connections = () => countConnections(port);
          await until(() => connections() >= accountIds.length, `${stage} accounts connected`);
          const memory = await memoryAfterGc();
          points.push({ accounts: stage, ...memory, imapConnections: connections(), liveAfterMs });
          console.error(
            `[idle product] ${stage} live: rss ${(memory.rss / 2 ** 20).toFixed(1)} MiB, heap ${(memory.heapUsed / 2 ** 20).toFixed(1)} MiB, ${connections()} IMAP connections`,
          );
        }
        if (spec.heapSnapshotDir) heapSnapshot = writeHeapSnapshot(path.join(spec.heapSnapshotDir, 'idle-product.heapsnapshot'));
        return { points, heapSnapshot, logLines: logs.length, firstLog: logs[0] };
      } finally {
        await supervisor.stop();
      }
    } finally {
      await bus.close();
      await database.close();
    }
  } finally {
    await testDb.drop();
  }
}

childMain(measureProduct);
