// A folder's list through the real API (GraphQL over HTTP) on both engines: keyset pages on
// (internal_date desc, id desc) reach the oldest message with no duplicates and no gaps, also when
// many messages share one date and when new mail arrives between two pages (issue 10, "The list").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertMessages } from '../db/queries/messages.ts';
import { insertSession } from '../db/queries/sessions.ts';
import { mailFolders } from '../db/schema/index.ts';
import { startApiServer, type ApiServer } from '../e2e/support/api-server.ts';
import { GraphQLHttpClient } from '../e2e/support/graphql-client.ts';
import { insertTestAccount } from '../e2e/support/insert-test-account.ts';
import { createTestDatabase } from '../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../lib/auth/session-token.ts';

const MESSAGES = `query($folderId: ID!, $first: Int, $after: String) {
  messages(folderId: $folderId, first: $first, after: $after) {
    nodes { id subject receivedAt }
    hasMore
    endCursor
  }
}`;

interface Row {
  id: string;
  subject: string;
  receivedAt: string;
}
interface MessagesData {
  messages: { nodes: Row[]; hasMore: boolean; endCursor: string | null };
}

/** 230 messages over 20 distinct dates: runs of 11–12 share one INTERNALDATE, so the id breaks ties. */
const COUNT = 230;
const dateOf = (n: number) => new Date(Date.UTC(2026, 10, 1 + (n % 20), 9, 30));

/** The order the list promises, computed here from the rows themselves: date desc, then id desc. */
const listOrder = (a: Row, b: Row) =>
  Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const engines: Array<[string, () => Promise<{ url: string | undefined; drop(): Promise<void> }>]> = [
  ['PostgreSQL', async () => createTestDatabase()],
  ['PGlite', async () => ({ url: undefined, drop: async () => {} })],
];

for (const [engine, openDatabase] of engines) {
  describe(`messages(after:) through the API on ${engine}`, () => {
    let testDb: { url: string | undefined; drop(): Promise<void> };
    let server: ApiServer;
    let ann: GraphQLHttpClient;
    let bob: GraphQLHttpClient;
    let folderId: string;
    let accountId: string;

    /** Every page of the folder, `first` at a time; `between` runs after the first page. */
    const pageThrough = async (first: number, between?: () => Promise<void>) => {
      const rows: Row[] = [];
      let cursor: string | null = null;
      for (let pages = 0; ; pages++) {
        assert.ok(pages <= COUNT, 'paging never ends');
        const { messages }: MessagesData = await ann.data<MessagesData>(MESSAGES, { folderId, first, after: cursor });
        assert.ok(messages.nodes.length <= first);
        rows.push(...messages.nodes);
        if (!messages.hasMore) return rows;
        assert.ok(messages.endCursor);
        cursor = messages.endCursor;
        if (pages === 0) await between?.();
      }
    };

    before(async () => {
      testDb = await openDatabase();
      server = await startApiServer({ DATABASE_URL: testDb.url });
      const { db } = server.services.database;
      const signedIn = async (userId: string) => {
        const token = newSessionToken();
        await insertSession(db, hashSessionToken(token), userId, new Date(Date.now() + SESSION_TTL_MS));
        const client = new GraphQLHttpClient(server.url);
        client.cookie = `${SESSION_COOKIE}=${token}`;
        return client;
      };
      const ids = await insertTestAccount(db, { email: 'ann@t.test' });
      accountId = ids.accountId;
      const [folder] = await db.insert(mailFolders).values({ accountId, path: 'INBOX', name: 'Inbox' }).returning();
      folderId = folder!.id;
      await insertMessages(
        db,
        Array.from({ length: COUNT }, (_, i) => ({
          accountId,
          folderId,
          uidValidity: 1,
          uid: i + 1,
          internalDate: dateOf(i),
          subject: `Message ${i + 1}`,
        })),
      );
      ann = await signedIn(ids.userId);
      bob = await signedIn((await insertTestAccount(db, { email: 'bob@t.test' })).userId);
    });
    after(async () => {
      await server?.close();
      await testDb?.drop();
    });

    test('page by page to the oldest: every message once, in order, ties on one date broken by id', async () => {
      for (const first of [1, 7, 50, 200]) {
        const rows = await pageThrough(first);
        assert.equal(rows.length, COUNT, `first: ${first}`);
        assert.equal(new Set(rows.map((r) => r.id)).size, COUNT, `no duplicates with first: ${first}`);
        assert.deepEqual(rows, [...rows].sort(listOrder), `date desc, id desc with first: ${first}`);
        assert.equal(rows.at(-1)!.receivedAt, dateOf(0).toISOString());
      }
    });

    test('new mail arriving between two pages shifts nothing: the next page goes on where the last ended', async () => {
      const before = await pageThrough(200);
      const rows = await pageThrough(13, async () => {
        await insertMessages(server.services.database.db, [
          { accountId, folderId, uidValidity: 1, uid: 10_000, internalDate: new Date(Date.UTC(2026, 11, 31)), subject: 'New' },
          // As old as the oldest run: it sorts somewhere inside a later page and must show up there.
          { accountId, folderId, uidValidity: 1, uid: 10_001, internalDate: dateOf(0), subject: 'Late arrival, old date' },
        ]);
      });
      const expected = [...before.slice(0, 13), ...(await pageThrough(200)).filter((r) => r.subject !== 'New').slice(13)];
      assert.deepEqual(
        rows.map((r) => r.subject),
        expected.map((r) => r.subject),
      );
      assert.ok(rows.some((r) => r.subject === 'Late arrival, old date'));
      assert.ok(!rows.some((r) => r.subject === 'New'), 'newer than the first page: the list’s refresh brings it');
    });

    test('a cursor that is not one is BAD_USER_INPUT; another user’s folder is NOT_FOUND', async () => {
      const bad = await ann.request(MESSAGES, { folderId, after: 'not-a-cursor' });
      assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      const tooLong = await ann.request(MESSAGES, { folderId, after: 'x'.repeat(101) });
      assert.equal(tooLong.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      const foreign = await bob.request(MESSAGES, { folderId });
      assert.equal(foreign.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    });
  });
}
