// searchMessages through the real API (GraphQL over HTTP, PostgreSQL): results, highlights as
// plain text with ranges, keyset pages, the viewer's own mail only, and bad queries as
// BAD_USER_INPUT naming the token (issue 9).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertMessages } from '../db/queries/messages.ts';
import { storeExtracted } from '../e2e/support/store-extracted.ts';
import { insertSession } from '../db/queries/sessions.ts';
import { mailFolders } from '../db/schema/index.ts';
import { startApiServer, type ApiServer } from '../e2e/support/api-server.ts';
import { GraphQLHttpClient } from '../e2e/support/graphql-client.ts';
import { insertTestAccount } from '../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../lib/auth/session-token.ts';

const SEARCH = `query($q: String!, $first: Int, $after: String) {
  searchMessages(query: $q, first: $first, after: $after) {
    nodes { id subject snippet }
    hasMore
    endCursor
    highlights { messageId subject { text matches { start length } } snippet { text matches { start length } } }
  }
}`;

interface Range {
  start: number;
  length: number;
}
interface SearchData {
  searchMessages: {
    nodes: Array<{ id: string; subject: string; snippet: string }>;
    hasMore: boolean;
    endCursor: string | null;
    highlights: Array<{
      messageId: string;
      subject: { text: string; matches: Range[] };
      snippet: { text: string; matches: Range[] };
    }>;
  };
}
interface ErrorExtensions {
  code?: string;
  field?: string;
  details?: { reason: string; token: string; position: number };
}

const marked = (h: { text: string; matches: Range[] }) => h.matches.map((m) => h.text.slice(m.start, m.start + m.length));

describe('searchMessages through the API', () => {
  let testDb: TestDatabase;
  let server: ApiServer;
  let ann: GraphQLHttpClient;
  let bob: GraphQLHttpClient;

  before(async () => {
    testDb = await createTestDatabase();
    server = await startApiServer({ DATABASE_URL: testDb.url });
    const { db } = server.services.database;
    /** A user with a mail account holding three messages, signed in: their client. */
    const mailbox = async (email: string, subject: string): Promise<GraphQLHttpClient> => {
      const ids = await insertTestAccount(db, { email });
      const [folder] = await db
        .insert(mailFolders)
        .values({ accountId: ids.accountId, path: 'INBOX', name: 'Inbox' })
        .returning();
      const rows = await insertMessages(
        db,
        [1, 2, 3].map((n) => ({
          accountId: ids.accountId,
          folderId: folder!.id,
          uidValidity: 1,
          uid: n,
          internalDate: new Date(Date.UTC(2026, 10, n)),
          subject: `${subject} ${n}`,
        })),
      );
      await storeExtracted(
        db,
        rows.map((r) => ({
          id: r.id,
          contentHash: `h${r.uid}`,
          text: `${'Vorige week. '.repeat(40)}We gaan met de fiets naar het café.\n\nGroet`,
          html: null,
          snippet: 'Vorige week.',
          references: [],
          hasAttachments: false,
          parseError: null,
          source: Buffer.from(`Subject: ${subject} ${r.uid}\r\n\r\nbody`),
          attachments: [],
        })),
      );
      const token = newSessionToken();
      await insertSession(db, hashSessionToken(token), ids.userId, new Date(Date.now() + SESSION_TTL_MS));
      const client = new GraphQLHttpClient(server.url);
      client.cookie = `${SESSION_COOKIE}=${token}`;
      return client;
    };
    ann = await mailbox('ann@t.test', 'Fietsen naar <b>Amsterdam</b>');
    bob = await mailbox('bob@t.test', 'Bob fietst ook');
  });
  after(async () => {
    await server?.close();
    await testDb?.drop();
  });

  test('results with plain-text highlights, page by page, the viewer’s own mail only', async () => {
    const first = await ann.data<SearchData>(SEARCH, { q: 'fiets cafe', first: 2 });
    const page = first.searchMessages;
    assert.deepEqual(
      page.nodes.map((n) => n.subject),
      ['Fietsen naar <b>Amsterdam</b> 3', 'Fietsen naar <b>Amsterdam</b> 2'],
    );
    assert.equal(page.hasMore, true);
    const highlight = page.highlights[0]!;
    assert.equal(highlight.messageId, page.nodes[0]!.id);
    // Markup in a subject stays text; the range points at the word.
    assert.equal(highlight.subject.text, 'Fietsen naar <b>Amsterdam</b> 3');
    assert.deepEqual(marked(highlight.subject), ['Fietsen']);
    // The snippet is the body around the first match, not the stored first words.
    assert.match(highlight.snippet.text, /^….*We gaan met de fiets naar het café\. Groet$/);
    assert.deepEqual(marked(highlight.snippet), ['fiets', 'café']);

    const next = await ann.data<SearchData>(SEARCH, { q: 'fiets cafe', first: 2, after: page.endCursor });
    assert.deepEqual(
      next.searchMessages.nodes.map((n) => n.subject),
      ['Fietsen naar <b>Amsterdam</b> 1'],
    );
    assert.equal(next.searchMessages.hasMore, false);

    const bobs = await bob.data<SearchData>(SEARCH, { q: 'fiets', first: 10 });
    assert.deepEqual(
      bobs.searchMessages.nodes.map((n) => n.subject),
      ['Bob fietst ook 3', 'Bob fietst ook 2', 'Bob fietst ook 1'],
    );
  });

  test('a query it cannot read is BAD_USER_INPUT naming the token, never a 500', async () => {
    for (const [q, reason, token] of [
      ['fiets foo:bar', 'unknown_operator', 'foo:bar'],
      ['"fiets', 'unbalanced_quote', '"fiets'],
      ['after:2026-02-30', 'bad_date', 'after:2026-02-30'],
      ['   ', 'empty', ''],
    ] as const) {
      const result = await ann.request(SEARCH, { q });
      const error = result.errors?.[0];
      const extensions = error?.extensions as ErrorExtensions | undefined;
      assert.equal(extensions?.code, 'BAD_USER_INPUT', q);
      assert.equal(extensions?.field, 'query');
      assert.deepEqual({ reason: extensions?.details?.reason, token: extensions?.details?.token }, { reason, token });
      if (token) assert.ok(error!.message.includes(token), error!.message);
    }
    const tooLong = await ann.request(SEARCH, { q: 'x'.repeat(501) });
    assert.equal(tooLong.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const badCursor = await ann.request(SEARCH, { q: 'fiets', after: 'not-a-cursor' });
    assert.equal(badCursor.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('signed out: refused', async () => {
    const stranger = new GraphQLHttpClient(server.url);
    const result = await stranger.request(SEARCH, { q: 'fiets' });
    assert.equal(result.data?.searchMessages ?? null, null);
    assert.ok(result.errors?.[0]?.extensions?.code);
    assert.notEqual(result.errors?.[0]?.extensions?.code, 'INTERNAL');
  });
});
