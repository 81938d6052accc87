import { performance } from 'node:perf_hooks';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { mailFolders, messages } from '../../db/schema/index.ts';
import { loadCredentialsKey } from '../../lib/crypto/mail-credentials-key.ts';
import { createUrlSigner } from '../../lib/crypto/signed-url.ts';
import { databaseSourceStore } from '../../lib/message-store/source-store.ts';
import { newsletterSource } from '../../lib/reader/fixtures/reader-messages.ts';
import { openMessage } from '../../lib/reader/open-message.ts';
import { summarize } from '../sync/stats.ts';
import type { QueryMeasurement } from './measure-queries.ts';

/** A newsletter's remote images: a hero, a few product shots, social icons, a tracking pixel. */
const REMOTE = [
  'https://img.example/hero.jpg',
  ...Array.from({ length: 8 }, (_, i) => `https://cdn.example/products/${i}.png`),
  ...['facebook', 'linkedin', 'x'].map((s) => `https://cdn.example/social/${s}.png`),
  'https://track.example/open.gif?c=2026-12&u=4f1b',
];

/**
 * Issue 10's "open a message" on the server: the `message(id)` resolver's work (openMessage:
 * owner check, bodies, attachment rows, remote-content scan, URL signing), p95 target 100 ms
 * together with the client's render (R3's). Three kinds: an extracted text message of the
 * seeded store; a newsletter (HTML with 13 remote images, a cid logo, an SVG part, a PDF)
 * extracted; and the same newsletter opened before the extraction worker reached it (parsed
 * from its stored source on open, the extraction stored).
 */
export async function measureOpenMessage(db: Db, userId: string, folderId: string, samples: number): Promise<QueryMeasurement[]> {
  const deps = { db, signer: createUrlSigner(loadCredentialsKey(Buffer.alloc(32, 1).toString('base64'), '/nonexistent')) };
  const open = async (id: string) => {
    const start = performance.now();
    const detail = await openMessage(deps, userId, id);
    if (!detail) throw new Error(`bench: message ${id} did not open`);
    return performance.now() - start;
  };
  const recent = await db
    .select({ id: messages.id })
    .from(messages)
    .where(eq(messages.folderId, folderId))
    .orderBy(desc(messages.internalDate))
    .limit(50);
  const [folder] = await db.select({ accountId: mailFolders.accountId }).from(mailFolders).where(eq(mailFolders.id, folderId));
  const [{ top }] = (await db.execute(
    sql`select coalesce(max(uid), 0)::int as top from messages where folder_id = ${folderId}`,
  )) as unknown as [{ top: number }];
  const source = await newsletterSource(REMOTE);
  const fresh = Math.min(samples, 50);
  const newsletters: string[] = [];
  for (let i = 0; i < fresh + 20; i++) {
    const [row] = await db
      .insert(messages)
      .values({
        accountId: folder!.accountId,
        folderId,
        uidValidity: 1,
        uid: top + 1 + i,
        internalDate: new Date(),
        subject: 'Our news / December',
        bodyState: 'done',
        size: source.byteLength,
      })
      .returning({ id: messages.id });
    await databaseSourceStore.put(db, [{ messageId: row!.id, bytes: source }]);
    newsletters.push(row!.id);
  }
  const firstOpen: number[] = [];
  for (const id of newsletters.slice(20)) firstOpen.push(await open(id));
  const extracted = newsletters.slice(0, 20);
  for (const id of [...extracted, ...recent.map((r) => r.id)]) await open(id); // extract + warm
  const textTimes: number[] = [];
  const htmlTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    textTimes.push(await open(recent[i % recent.length]!.id));
    htmlTimes.push(await open(extracted[i % extracted.length]!));
  }
  const kind = (name: string, times: number[], what: string): QueryMeasurement => ({
    name,
    queries: [what],
    rows: [1],
    summary: summarize(times),
    perQuery: [summarize(times)],
  });
  return [
    kind('open a message: text, extracted', textTimes, `the ${recent.length} newest of the folder`),
    kind('open a message: newsletter, extracted', htmlTimes, `${source.byteLength} B source, ${REMOTE.length} remote images`),
    kind('open a message: newsletter, first open (parsed)', firstOpen, 'each opened once before extraction'),
  ];
}
