// The archive through the real API (issue 12): GraphQL over HTTP and graphql-ws on two app
// processes sharing one PostgreSQL (events cross by LISTEN/NOTIFY), the signed download route,
// visibility "only me" in every query and in search, tenant isolation and bounded inputs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { insertSession } from '../db/queries/sessions.ts';
import { insertColleague, insertCrm, insertMailbox, type MailboxFixture } from '../e2e/support/archive-fixtures.ts';
import { startApiServer, type ApiServer } from '../e2e/support/api-server.ts';
import { GraphQLHttpClient, subscribe } from '../e2e/support/graphql-client.ts';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../lib/auth/session-token.ts';
import { serveArchiveDownload } from '../lib/server/archive-download-route.ts';

const ARCHIVE = `mutation($m: ID!, $t: [ArchiveTargetInput!]!, $v: ArchiveVisibility, $c: String) {
  archiveMessage(messageId: $m, targets: $t, visibility: $v, category: $c) { documentIds newLinks targets { kind id name } }
}`;
const ARCHIVE_MANY = `mutation($m: [ID!]!, $t: [ArchiveTargetInput!]!) {
  archiveMessages(messageIds: $m, targets: $t) { documentIds newLinks }
}`;
const TIMELINE = `query($t: ArchiveTargetInput!, $first: Int, $after: String) {
  archivedDocuments(target: $t, first: $first, after: $after) {
    edges { cursor node { id subject visibility category targets { kind name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const DOCUMENT = `query($id: ID!) { archivedDocument(id: $id) { id kind subject size downloadUrl } }`;
const MARKS = `query($m: [ID!]!) { messageArchiveMarks(messageIds: $m) { messageId wholeMessage targets { kind name } } }`;
const SEARCH = `query($q: String!) { searchArchive(query: $q) { nodes { id subject } hasMore } }`;
const SEARCH_MAIL = `query($q: String!) { searchMessages(query: $q) { hasMore } }`;
const UNARCHIVE = `mutation($d: ID!, $t: ArchiveTargetInput) { unarchive(documentId: $d, target: $t) }`;
const SUGGEST = `query($m: ID!) { archiveSuggestions(messageId: $m) { kind name reason matched } }`;
const CHANGED = `subscription { archiveChanged(target: { kind: COMPANY, id: "%ID%" }) { change documentIds messageIds targets { kind id } } }`;

interface Timeline {
  archivedDocuments: {
    edges: Array<{ cursor: string; node: { id: string; subject: string; visibility: string; category: string | null } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
interface Archived {
  archiveMessage: { documentIds: string[]; newLinks: number; targets: Array<{ kind: string; id: string; name: string }> };
}
interface Changed {
  archiveChanged: { change: string; documentIds: string[]; messageIds: string[] };
}

type GraphQLTargets = Record<'person' | 'company' | 'project' | 'sale', { kind: string; id: string }>;

/** The fixture's targets as ArchiveTargetInput values (enum names: PERSON, COMPANY …). */
function asGraphQL(targets: Awaited<ReturnType<typeof insertCrm>>): GraphQLTargets {
  const entries = Object.entries(targets).map(([key, t]) => [key, { kind: t.kind.toUpperCase(), id: t.id }]);
  return Object.fromEntries(entries) as GraphQLTargets;
}

describe('the archive through the API', () => {
  let testDb: TestDatabase;
  let first: ApiServer;
  let second: ApiServer;
  let downloads: http.Server;
  let downloadBase: string;
  let annBox: MailboxFixture;
  let ann: GraphQLHttpClient;
  let bob: GraphQLHttpClient;
  let eve: GraphQLHttpClient;
  let crm: GraphQLTargets;
  let eveCrm: GraphQLTargets;

  before(async () => {
    testDb = await createTestDatabase();
    // Two app processes of one deployment: one database (events cross only by NOTIFY), one key
    // (a URL one signs, the other verifies).
    const env = { DATABASE_URL: testDb.url, MAIL_CREDENTIALS_KEY: randomBytes(32).toString('base64') };
    first = await startApiServer(env);
    second = await startApiServer(env);
    const { db } = first.services.database;
    const signedIn = async (userId: string, server: ApiServer) => {
      const token = newSessionToken();
      await insertSession(db, hashSessionToken(token), userId, new Date(Date.now() + SESSION_TTL_MS));
      const client = new GraphQLHttpClient(server.url);
      client.cookie = `${SESSION_COOKIE}=${token}`;
      return client;
    };
    annBox = await insertMailbox(db, 'ann@example.test');
    const bobBox = await insertColleague(db, annBox.tenantId, 'bob@example.test');
    const eveBox = await insertMailbox(db, 'eve@elsewhere.test');
    crm = asGraphQL(await insertCrm(db, annBox.tenantId));
    eveCrm = asGraphQL(await insertCrm(db, eveBox.tenantId, 'Eve '));
    ann = await signedIn(annBox.userId, first);
    bob = await signedIn(bobBox.userId, second);
    eve = await signedIn(eveBox.userId, first);
    // The download route as start-server mounts it, on the first process's services.
    downloads = http.createServer((req, res) => {
      void serveArchiveDownload(first.services, req, res, new URL(req.url ?? '/', 'http://x')).then((served) => {
        if (!served) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => downloads.listen(0, '127.0.0.1', resolve));
    downloadBase = `http://127.0.0.1:${(downloads.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise((resolve) => downloads?.close(resolve));
    await second?.close();
    await first?.close();
    await testDb?.drop();
  });

  test('archive, timeline, marks and the signed download of the byte-identical .eml', async () => {
    const mail = await annBox.mail({ subject: 'Offerte via de API' });
    const archived = await ann.data<Archived>(ARCHIVE, { m: mail.messageId, t: [crm.person, crm.company], c: 'Quote' });
    assert.equal(archived.archiveMessage.newLinks, 2);
    const again = await ann.data<Archived>(ARCHIVE, { m: mail.messageId, t: [crm.person, crm.company] });
    assert.deepEqual(again.archiveMessage.documentIds, archived.archiveMessage.documentIds, 'idempotent');
    assert.equal(again.archiveMessage.newLinks, 0);
    const id = archived.archiveMessage.documentIds[0]!;

    const timeline = await bob.data<Timeline>(TIMELINE, { t: crm.company });
    assert.deepEqual(
      timeline.archivedDocuments.edges.map((e) => [e.node.id, e.node.category, e.node.visibility]),
      [[id, 'Quote', 'TENANT']],
    );
    const marks = await ann.data<{ messageArchiveMarks: Array<{ messageId: string; targets: Array<{ name: string }> }> }>(MARKS, {
      m: [mail.messageId],
    });
    assert.deepEqual(marks.messageArchiveMarks[0]?.targets.map((t) => t.name).sort(), ['Acme BV', 'Piet Jansen']);

    const { archivedDocument } = await bob.data<{ archivedDocument: { downloadUrl: string; size: number } }>(DOCUMENT, { id });
    const response = await fetch(downloadBase + archivedDocument.downloadUrl);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'message/rfc822');
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(mail.source), 'the .eml byte for byte');
    const forged = archivedDocument.downloadUrl.replace(/s=[^&]+/, 's=' + 'A'.repeat(43));
    assert.equal((await fetch(downloadBase + forged)).status, 403);
    assert.equal((await fetch(downloadBase + `/api/archive/${id}`)).status, 401, 'no signature, no session');
    const withSession = await fetch(downloadBase + `/api/archive/${id}`, { headers: { cookie: eve.cookie! } });
    assert.equal(withSession.status, 404, 'another tenant’s session finds nothing');
  });

  test('"only me" is hidden from a colleague in the timeline, the document, its download, search and unarchive', async () => {
    const mail = await annBox.mail({ subject: 'Vertrouwelijk contract', text: 'geheimzinnig voorstel' });
    const archived = await ann.data<Archived>(ARCHIVE, { m: mail.messageId, t: [crm.person], v: 'PRIVATE' });
    const id = archived.archiveMessage.documentIds[0]!;
    const ids = async (client: GraphQLHttpClient) =>
      (await client.data<Timeline>(TIMELINE, { t: crm.person })).archivedDocuments.edges.map((e) => e.node.id);
    assert.ok((await ids(ann)).includes(id));
    assert.ok(!(await ids(bob)).includes(id));
    assert.equal((await bob.data<{ archivedDocument: null }>(DOCUMENT, { id })).archivedDocument, null);
    const { archivedDocument } = await ann.data<{ archivedDocument: { downloadUrl: string } }>(DOCUMENT, { id });
    // Ann's URL in Bob's hands still works for Ann's rights only: it is bound to her.
    assert.equal((await fetch(downloadBase + archivedDocument.downloadUrl)).status, 200);
    assert.equal((await fetch(downloadBase + `/api/archive/${id}`, { headers: { cookie: bob.cookie! } })).status, 404);

    const search = async (client: GraphQLHttpClient, q: string) =>
      (await client.data<{ searchArchive: { nodes: Array<{ id: string }> } }>(SEARCH, { q })).searchArchive.nodes.map(
        (n) => n.id,
      );
    for (const q of [
      'geheimzinnig',
      'in:archive vertrouwelijk',
      'person:piet',
      'person:piet@acme.test',
      'company:acme.test',
      'company:"acme bv" subject:contract',
    ]) {
      assert.ok((await search(ann, q)).includes(id), `the owner finds it by ${q}`);
      assert.ok(!(await search(bob, q)).includes(id), `the colleague does not find it by ${q}`);
      assert.ok(!(await search(eve, q)).includes(id), `another tenant does not find it by ${q}`);
    }
    assert.ok(!(await search(ann, 'person:piet -geheimzinnig')).includes(id));
    assert.ok(!(await search(ann, 'company:nobody')).includes(id));
    const unarchived = await bob.request(UNARCHIVE, { d: id });
    assert.equal(unarchived.errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });

  test('search: archive queries go to searchArchive; mailbox operators are refused there', async () => {
    const mail = await ann.request(SEARCH_MAIL, { q: 'in:archive offerte' });
    assert.equal(mail.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const flags = await ann.request(SEARCH, { q: 'is:unread' });
    assert.equal(flags.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('tenant isolation and bounded inputs', async () => {
    const mail = await annBox.mail();
    const foreign = await ann.request(ARCHIVE, { m: mail.messageId, t: [eveCrm.company] });
    assert.deepEqual(
      [foreign.errors?.[0]?.extensions?.code, foreign.errors?.[0]?.extensions?.field],
      ['ARCHIVE_TARGET_NOT_FOUND', 'targets'],
    );
    const notHers = await eve.request(ARCHIVE, { m: mail.messageId, t: [eveCrm.company] });
    assert.equal(notHers.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const tooMany = await ann.request(ARCHIVE_MANY, { m: Array.from({ length: 201 }, () => mail.messageId), t: [crm.person] });
    assert.deepEqual(
      [tooMany.errors?.[0]?.extensions?.code, tooMany.errors?.[0]?.extensions?.field],
      ['BAD_USER_INPUT', 'messageIds'],
    );
    const longCategory = await ann.request(ARCHIVE, { m: mail.messageId, t: [crm.person], c: 'x'.repeat(101) });
    assert.deepEqual(
      [longCategory.errors?.[0]?.extensions?.code, longCategory.errors?.[0]?.extensions?.field],
      ['BAD_USER_INPUT', 'category'],
    );
    const badId = await ann.request(ARCHIVE, { m: mail.messageId, t: [{ kind: 'PERSON', id: 'x' }] });
    assert.equal(badId.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const eveTimeline = await eve.data<Timeline>(TIMELINE, { t: crm.company });
    assert.deepEqual(eveTimeline.archivedDocuments.edges, []);
    const suggestions = await ann.data<{ archiveSuggestions: Array<{ kind: string; name: string }> }>(SUGGEST, {
      m: mail.messageId,
    });
    assert.deepEqual(
      suggestions.archiveSuggestions.map((s) => [s.kind, s.name]),
      [
        ['PERSON', 'Piet Jansen'],
        ['COMPANY', 'Acme BV'],
      ],
    );
  });

  test('bulk: 100 messages in one request, paged back in full', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await annBox.mail({ subject: `Bulk ${i}` })).messageId);
    const { archiveMessages } = await ann.data<{ archiveMessages: { documentIds: string[]; newLinks: number } }>(ARCHIVE_MANY, {
      m: ids,
      t: [crm.sale],
    });
    assert.equal(archiveMessages.documentIds.length, 100);
    assert.equal(archiveMessages.newLinks, 100);
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: Timeline = await bob.data<Timeline>(TIMELINE, { t: crm.sale, first: 40, after: cursor });
      for (const e of page.archivedDocuments.edges) seen.add(e.node.id);
      cursor = page.archivedDocuments.pageInfo.hasNextPage ? page.archivedDocuments.pageInfo.endCursor : null;
    } while (cursor);
    assert.deepEqual([...seen].sort(), [...archiveMessages.documentIds].sort());
  });

  test('archiveChanged reaches a colleague on another process, and not for a private document', async () => {
    const bobWs = bob.ws();
    const annWs = ann.ws();
    try {
      const query = CHANGED.replace('%ID%', crm.company.id);
      const bobEvents = subscribe<Changed>(bobWs, query);
      const annEvents = subscribe<Changed>(annWs, query);
      // Subscribed once an event comes through: archive (idempotent, announced every time) until it does.
      const warmUp = await annBox.mail({ subject: 'warm-up' });
      // One pending `next` each (a timed-out `next` would leave a waiter that swallows a later event).
      let live = 0;
      const arrived = [bobEvents, annEvents].map((events) => events.next(60_000).then(() => live++));
      while (live < 2) {
        await ann.data(ARCHIVE, { m: warmUp.messageId, t: [crm.company] });
        await Promise.race([Promise.all(arrived), new Promise((resolve) => setTimeout(resolve, 100))]);
      }
      // Drain what the warm-up left queued, by archiving a marker and reading up to it.
      const drain = async (events: typeof bobEvents, documentId: string) => {
        for (;;) if ((await events.next()).data?.archiveChanged.documentIds.includes(documentId)) return;
      };
      const marker = await annBox.mail({ subject: 'marker' });
      const markerId = (await ann.data<Archived>(ARCHIVE, { m: marker.messageId, t: [crm.company] })).archiveMessage
        .documentIds[0]!;
      await drain(bobEvents, markerId);
      await drain(annEvents, markerId);

      const secret = await annBox.mail({ subject: 'private to the company' });
      const privateId = (await ann.data<Archived>(ARCHIVE, { m: secret.messageId, t: [crm.company], v: 'PRIVATE' }))
        .archiveMessage.documentIds[0]!;
      const shared = await annBox.mail({ subject: 'shared with the team' });
      const sharedId = (await ann.data<Archived>(ARCHIVE, { m: shared.messageId, t: [crm.company] })).archiveMessage
        .documentIds[0]!;

      const annFirst = (await annEvents.next()).data!.archiveChanged;
      assert.deepEqual(
        [annFirst.change, annFirst.documentIds],
        ['ARCHIVED', [privateId]],
        'the owner hears of her private document',
      );
      const bobFirst = (await bobEvents.next()).data!.archiveChanged;
      assert.deepEqual(
        [bobFirst.change, bobFirst.documentIds, bobFirst.messageIds],
        ['ARCHIVED', [sharedId], [shared.messageId]],
      );

      await bob.data(UNARCHIVE, { d: sharedId, t: crm.company });
      for (const events of [annEvents]) {
        let event = (await events.next()).data!.archiveChanged;
        while (event.documentIds[0] !== sharedId || event.change !== 'UNARCHIVED')
          event = (await events.next()).data!.archiveChanged;
        assert.equal(event.change, 'UNARCHIVED');
      }
      bobEvents.dispose();
      annEvents.dispose();
    } finally {
      await bobWs.dispose();
      await annWs.dispose();
    }
  });

  test('bodies: one document’s body opens; a page asking for more than five bodies is refused before parsing them', async () => {
    const mails = [];
    for (let i = 0; i < 6; i += 1) mails.push(await annBox.mail({ subject: `Body ${i}`, text: `Tekst nummer ${i}.` }));
    await ann.data(ARCHIVE_MANY, { m: mails.map((m) => m.messageId), t: [crm.sale] });
    const page = await ann.data<Timeline>(TIMELINE, { t: crm.sale, first: 20 });
    const body3 = page.archivedDocuments.edges.find((e) => e.node.subject === 'Body 3');
    assert.ok(body3, 'archived to the sale');

    const one = await ann.data<{ archivedDocument: { body: { text: string } } }>(
      `query($id: ID!) { archivedDocument(id: $id) { body { text } } }`,
      { id: body3.node.id },
    );
    assert.equal(one.archivedDocument.body.text.trim(), 'Tekst nummer 3.');

    const many = await ann.request(
      `query($t: ArchiveTargetInput!) { archivedDocuments(target: $t, first: 6) { edges { node { body { text } } } } }`,
      { t: crm.sale },
    );
    assert.ok(
      many.errors?.some((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX'),
      `the sixth body is refused: ${JSON.stringify(many.errors)}`,
    );
  });

  test('archivedDocuments by personId / companyId / projectId / saleId, as by target; exactly one record', async () => {
    const byTarget = await ann.data<Timeline>(TIMELINE, { t: crm.sale, first: 100 });
    const bySaleId = await ann.data<Timeline>(
      `query($id: ID!) { archivedDocuments(saleId: $id, first: 100) { edges { cursor node { id subject visibility category } } pageInfo { hasNextPage endCursor } } }`,
      { id: crm.sale.id },
    );
    assert.ok(byTarget.archivedDocuments.edges.length > 0);
    assert.deepEqual(
      bySaleId.archivedDocuments.edges.map((e) => e.node.id),
      byTarget.archivedDocuments.edges.map((e) => e.node.id),
    );
    const both = await ann.request(`query($id: ID!) { archivedDocuments(personId: $id, companyId: $id) { edges { cursor } } }`, {
      id: crm.person.id,
    });
    assert.equal(both.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const none = await ann.request(`{ archivedDocuments { edges { cursor } } }`);
    assert.equal(none.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });
});
