/**
 * bench:idle, the peer: bare imapflow, one IMAPS connection per account with INBOX selected
 * read-only and IDLE running: the least a client that hears of new mail at once can hold. Measured
 * exactly like the product (measure-idle-product.ts): baseline with no connection after a full
 * GC, then each stage once all its connections are idling.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import type { ImapFlow } from 'imapflow';
import { connectImap } from '../sync/bench-imap.ts';
import {
  childMain,
  countConnections,
  memoryAfterGc,
  until,
  type IdleResult,
  type IdleSpec,
  type MemoryPoint,
} from './idle-child.ts';

/** Connections opened at once: Dovecot's login processes take a burst of TLS handshakes slowly. */
const CONNECT_CONCURRENCY = 20;

async function measurePeer(spec: IdleSpec): Promise<IdleResult> {
  const clients: ImapFlow[] = [];
  const port = spec.mailboxes[0]!.imapsPort;
  const points: MemoryPoint[] = [];
  let closed = 0;
  try {
    for (const stage of spec.stages) {
      const started = performance.now();
      const todo = spec.mailboxes.slice(clients.length, stage);
      for (let i = 0; i < todo.length; i += CONNECT_CONCURRENCY) {
        const batch = await Promise.all(
          todo.slice(i, i + CONNECT_CONCURRENCY).map(async (mailbox) => {
            const client = await connectImap(mailbox);
            client.on('error', () => {});
            client.on('close', () => closed++);
            await client.mailboxOpen('INBOX', { readOnly: true });
            return client;
          }),
        );
        clients.push(...batch);
      }
      for (const client of clients) if (!client.idling) void client.idle().catch(() => {});
      await until(() => clients.every((c) => c.idling), `${stage} bare connections idling`);
      const liveAfterMs = performance.now() - started;
      const memory = await memoryAfterGc();
      points.push({ accounts: stage, ...memory, imapConnections: countConnections(port), liveAfterMs });
      console.error(
        `[idle peer] ${stage} idling: rss ${(memory.rss / 2 ** 20).toFixed(1)} MiB, heap ${(memory.heapUsed / 2 ** 20).toFixed(1)} MiB`,
      );
    }
    const heapSnapshot = spec.heapSnapshotDir
      ? writeHeapSnapshot(path.join(spec.heapSnapshotDir, 'idle-peer.heapsnapshot'))
      : undefined;
    return {
      points,
      heapSnapshot,
      logLines: closed,
      firstLog: closed ? `${closed} connections closed while measuring` : undefined,
    };
  } finally {
    await Promise.all(clients.map((c) => c.logout().catch(() => c.close())));
  }
}

childMain(measurePeer);
