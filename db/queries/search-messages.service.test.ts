// Full-text search on both engines (issue 9): messages written as the sync writes them
// (insertMessages, then a stored source and its extraction, or markBodyFailed), searched as the API searches.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { parseSearchQuery } from '../../lib/search/parse-search-query.ts';
import type { Db } from '../client.ts';
import { migrateDatabase } from '../migrate.ts';
import { mailFolders, type MailAddress } from '../schema/index.ts';
import { insertMessages, markBodyFailed } from './messages.ts';
import type { MessageExtraction } from './message-extraction.ts';
import { storeExtracted } from '../../e2e/support/store-extracted.ts';
import { rowsOf } from './rows-of.ts';
import { searchConditions } from './search-conditions.ts';
import {
  chooseSearchPlan,
  DATE_WALK_MAX_FOLDERS,
  MAX_GATHERED,
  pinPlan,
  searchFolders,
  searchMessages,
  searchPageStatement,
  type SearchPlan,
} from './search-messages.ts';

interface Mail {
  folderId: string;
  day: number;
  subject: string;
  from?: MailAddress[];
  to?: MailAddress[];
  cc?: MailAddress[];
  body?: string;
  attachment?: string;
  seen?: boolean;
  flagged?: boolean;
  /** 'pending': envelope only; 'failed': markBodyFailed. @default 'stored' */
  state?: 'stored' | 'pending' | 'failed';
}

let uid = 0;
async function store(db: Db, accountId: string, mail: Mail): Promise<string> {
  const [row] = await insertMessages(db, [
    {
      accountId,
      folderId: mail.folderId,
      uidValidity: 1,
      uid: ++uid,
      messageId: `m${uid}@t.test`,
      internalDate: new Date(Date.UTC(2026, 10, mail.day, 12)),
      subject: mail.subject,
      from: mail.from ?? [{ name: '', address: 'someone@t.test' }],
      to: mail.to ?? [],
      cc: mail.cc ?? [],
      seen: mail.seen ?? false,
      flagged: mail.flagged ?? false,
      hasAttachments: !!mail.attachment,
    },
  ]);
  const id = row!.id;
  if (mail.state === 'pending') return id;
  if (mail.state === 'failed') {
    await markBodyFailed(db, id, 'broken MIME');
    return id;
  }
  const write: MessageExtraction & { source: Buffer } = {
    id,
    contentHash: `h${uid}`,
    text: mail.body ?? null,
    html: null,
    snippet: (mail.body ?? '').slice(0, 40),
    references: [],
    hasAttachments: !!mail.attachment,
    parseError: null,
    source: Buffer.from(`Subject: ${mail.subject}\r\n\r\n${mail.body ?? ''}`),
    attachments: mail.attachment
      ? [
          {
            ordinal: 0,
            filename: mail.attachment,
            contentType: 'application/pdf',
            size: 3,
            contentId: null,
            inline: false,
            hash: `blob${uid}`,
          },
        ]
      : [],
  };
  await storeExtracted(db, [write]);
  return id;
}

for (const [engine, open] of testEngines) {
  describe(`search on ${engine}`, async () => {
    const { database, cleanup } = await open();
    after(cleanup);
    await migrateDatabase(database);
    const { db } = database;
    const account = (email: string) => insertTestAccount(db, { email });
    const folder = async (accountId: string, path: string, specialUse: string | null = null) =>
      (await db.insert(mailFolders).values({ accountId, path, name: path, specialUse }).returning())[0]!.id;

    // Ann has two accounts; Bob's mail holds every word Ann searches for.
    const ann = await account('ann@t.test');
    const annWork = await insertTestAccount(db, { email: 'ann@work.test' });
    // insertTestAccount makes a user per call: move the second account to Ann.
    await db.execute(sqlMoveAccount(annWork.accountId, ann.userId));
    const inbox = await folder(ann.accountId, 'INBOX');
    const sent = await folder(ann.accountId, 'Verzonden', '\\Sent');
    const workInbox = await folder(annWork.accountId, 'INBOX');
    const bob = await account('bob@t.test');
    const bobInbox = await folder(bob.accountId, 'INBOX');

    const jan = { name: 'Jan de Vries', address: 'jan@example.nl' };
    await store(db, ann.accountId, {
      folderId: inbox,
      day: 1,
      subject: 'Vergadering morgen',
      from: [jan],
      body: 'We gaan fietsen naar het café. Müller komt ook.',
      attachment: 'agenda-q4.pdf',
      flagged: true,
    });
    await store(db, ann.accountId, {
      folderId: inbox,
      day: 2,
      subject: 'Weekly report',
      from: [{ name: 'Ann Smith', address: 'ann@corp.test' }],
      cc: [jan],
      body: 'The team is running late on the weekly report. Cafe meeting moved.',
      seen: true,
    });
    await store(db, ann.accountId, {
      folderId: sent,
      day: 3,
      subject: 'Re: offerte',
      to: [{ name: 'Piet Muller', address: 'piet@klant.nl' }],
      body: 'Hierbij de offerte voor de fiets.',
      attachment: 'offerte.pdf',
      seen: true,
    });
    await store(db, annWork.accountId, {
      folderId: workInbox,
      day: 4,
      subject: 'Report weekly numbers',
      body: 'A report of the week: run the numbers.',
    });
    await store(db, annWork.accountId, { folderId: workInbox, day: 5, subject: 'Vergadering zonder body', state: 'pending' });
    await store(db, annWork.accountId, { folderId: workInbox, day: 6, subject: 'Kapotte vergadering', state: 'failed' });
    await store(db, bob.accountId, {
      folderId: bobInbox,
      day: 7,
      subject: 'Vergadering geheim',
      body: 'fietsen café weekly report run Müller',
      attachment: 'x.pdf',
    });

    async function subjects(query: string, userId = ann.userId): Promise<string[]> {
      const parsed = parseSearchQuery(query);
      assert.ok(parsed.ok, query);
      return (await searchMessages(db, userId, parsed.query, 100)).rows.map((r) => r.subject);
    }

    test('words, in every folder of every account of the user, newest first', async () => {
      assert.deepEqual(await subjects('vergadering'), ['Kapotte vergadering', 'Vergadering morgen']);
      assert.deepEqual(await subjects('weekly report'), ['Report weekly numbers', 'Weekly report']);
      assert.deepEqual(await subjects('agenda'), ['Vergadering morgen'], 'attachment names');
      assert.deepEqual(await subjects('example'), ['Weekly report', 'Vergadering morgen'], 'address domains');
    });

    test('another user’s mail is never found', async () => {
      assert.deepEqual(await subjects('geheim'), []);
      assert.deepEqual(await subjects('vergadering', bob.userId), ['Vergadering geheim']);
    });

    test('a message waiting for its body is found by filters only; a damaged one by its envelope', async () => {
      assert.deepEqual(await subjects('zonder'), []);
      assert.deepEqual(await subjects('in:inbox is:unread'), [
        'Kapotte vergadering',
        'Vergadering zonder body',
        'Report weekly numbers',
        'Vergadering morgen',
      ]);
      assert.deepEqual(await subjects('kapotte'), ['Kapotte vergadering']);
    });

    test('English stemming: running finds run, and run finds running', async () => {
      assert.deepEqual(await subjects('running'), ['Report weekly numbers', 'Weekly report']);
      assert.deepEqual(await subjects('run'), ['Report weekly numbers', 'Weekly report']);
    });

    test('Dutch stemming: vergaderingen finds vergadering, fietsen finds fiets and fiets finds fietsen', async () => {
      assert.deepEqual(await subjects('vergaderingen morgen'), ['Vergadering morgen']);
      assert.deepEqual(await subjects('fietsen'), ['Re: offerte', 'Vergadering morgen']);
      assert.deepEqual(await subjects('fiets'), ['Re: offerte', 'Vergadering morgen']);
    });

    test('diacritics either way: café ↔ cafe, Müller ↔ muller', async () => {
      assert.deepEqual(await subjects('cafe'), ['Weekly report', 'Vergadering morgen']);
      assert.deepEqual(await subjects('CAFÉ'), ['Weekly report', 'Vergadering morgen']);
      assert.deepEqual(await subjects('muller'), ['Re: offerte', 'Vergadering morgen']);
      assert.deepEqual(await subjects('Müller'), ['Re: offerte', 'Vergadering morgen']);
    });

    test('phrases keep their order; negation leaves out', async () => {
      assert.deepEqual(await subjects('"weekly report"'), ['Weekly report']);
      assert.deepEqual(await subjects('"report weekly"'), ['Report weekly numbers']);
      assert.deepEqual(await subjects('report -numbers'), ['Weekly report']);
      assert.deepEqual(await subjects('report -"weekly report"'), ['Report weekly numbers']);
    });

    test('from: to: cc: subject: look at their own field only', async () => {
      assert.deepEqual(await subjects('from:jan'), ['Vergadering morgen']);
      assert.deepEqual(await subjects('from:"jan de vries"'), ['Vergadering morgen']);
      assert.deepEqual(await subjects('from:example.nl'), ['Vergadering morgen']);
      assert.deepEqual(await subjects('cc:jan@example.nl'), ['Weekly report']);
      assert.deepEqual(await subjects('to:muller'), ['Re: offerte']);
      assert.deepEqual(await subjects('subject:report'), ['Report weekly numbers', 'Weekly report']);
      assert.deepEqual(await subjects('report -subject:numbers'), ['Weekly report']);
      assert.deepEqual(await subjects('jan -from:jan'), ['Weekly report']);
    });

    test('has:attachment is:unread is:read is:flagged in: before: after:', async () => {
      assert.deepEqual(await subjects('has:attachment'), ['Re: offerte', 'Vergadering morgen']);
      assert.deepEqual(await subjects('vergadering -has:attachment'), ['Kapotte vergadering']);
      assert.deepEqual(await subjects('is:flagged'), ['Vergadering morgen']);
      assert.deepEqual(await subjects('is:read'), ['Re: offerte', 'Weekly report']);
      assert.deepEqual(await subjects('in:sent'), ['Re: offerte'], 'by special use');
      assert.deepEqual(await subjects('in:Verzonden'), ['Re: offerte'], 'by name');
      assert.deepEqual(await subjects('offerte -in:sent'), []);
      assert.deepEqual(await subjects('before:2026-11-02'), ['Vergadering morgen']);
      assert.deepEqual(await subjects('after:2026-11-02 before:2026-11-04'), ['Re: offerte', 'Weekly report']);
      assert.deepEqual(await subjects('after:2026-11-06'), ['Kapotte vergadering']);
    });

    test('pages follow one stable order (date, then id) across equal dates, none twice, none missed', async () => {
      for (let n = 0; n < 5; n++)
        await store(db, ann.accountId, { folderId: inbox, day: 9, subject: `Pagina ${n}`, body: 'paginering' });
      const parsed = parseSearchQuery('paginering');
      assert.ok(parsed.ok);
      const all = (await searchMessages(db, ann.userId, parsed.query, 100)).rows.map((r) => r.id);
      assert.equal(all.length, 5);
      const paged: string[] = [];
      let before: { internalDate: Date; id: string } | undefined;
      for (;;) {
        const { rows } = await searchMessages(db, ann.userId, parsed.query, 2, before);
        if (!rows.length) break;
        paged.push(...rows.map((r) => r.id));
        before = { internalDate: rows.at(-1)!.internalDate, id: rows.at(-1)!.id };
      }
      assert.deepEqual(paged, all);
    });

    test('the body comes back for the highlighted snippet', async () => {
      const parsed = parseSearchQuery('fietsen');
      assert.ok(parsed.ok);
      const { rows, bodies } = await searchMessages(db, ann.userId, parsed.query, 10);
      assert.equal(bodies.get(rows.at(-1)!.id), 'We gaan fietsen naar het café. Müller komt ook.');
    });

    test('a hostile message (huge, every word distinct, wide characters) is stored and indexed, never failing its write', async () => {
      let seed = 7;
      const letters = 'abcdefghijklmnopqrstuvwxyzáßøłæ𝐀𝐁𝐂жщ文字';
      const word = () => {
        let w = '';
        for (let n = 0; n < 2 + (seed % 3); n++)
          w += [...letters][(seed = (seed * 1103515245 + 12345) % 2 ** 31) % [...letters].length];
        return w;
      };
      const words = (count: number) => Array.from({ length: count }, word).join(' ');
      const id = await store(db, ann.accountId, {
        folderId: inbox,
        day: 10,
        subject: `Vijandig ${words(30_000)}`,
        to: Array.from({ length: 2000 }, (_, n) => ({ name: words(3), address: `${word()}${n}@${word()}.test` })),
        body: `beginwoord ${words(100_000)}`,
        attachment: words(5_000),
      });
      const found = await subjects('beginwoord');
      assert.equal(found.length, 1);
      assert.ok(found[0]!.startsWith('Vijandig '));
      assert.ok(id);
    });

    /** The statement of `plan` for Ann's search, run as searchMessages runs it (EXPLAIN with `explain`). */
    async function planRows(query: string, plan: SearchPlan, first = 51, before?: { internalDate: Date; id: string }) {
      const parsed = parseSearchQuery(query);
      assert.ok(parsed.ok, query);
      const conditions = searchConditions(parsed.query);
      const folders = await searchFolders(db, ann.userId, conditions);
      const statement = searchPageStatement(conditions, plan, folders, first, before);
      return db.transaction(async (tx) => {
        await pinPlan(tx, plan);
        return rowsOf<Record<string, string>>(await tx.execute(statement)).filter((r) => r.id !== null);
      });
    }
    async function runPlan(query: string, plan: SearchPlan, explain = false): Promise<string[]> {
      if (!explain) return (await planRows(query, plan)).map((r) => r.subject!);
      const parsed = parseSearchQuery(query);
      assert.ok(parsed.ok, query);
      const conditions = searchConditions(parsed.query);
      const statement = searchPageStatement(conditions, plan, await searchFolders(db, ann.userId, conditions), 51);
      const rows = await db.transaction(async (tx) => {
        await pinPlan(tx, plan);
        return rowsOf<Record<string, string>>(await tx.execute(sql`explain (costs off) ${statement}`));
      });
      return rows.map((r) => Object.values(r)[0]!);
    }

    test('words are gathered by index, never a sequential scan of the messages', async () => {
      const plan = (await runPlan('vergadering -geheim from:jan is:unread', { kind: 'matches', bound: 5000 }, true)).join('\n');
      assert.match(plan, /CTE messages\n\s+-> {2}Limit\n\s+-> {2}Bitmap Heap Scan on messages/);
      assert.doesNotMatch(plan, /Seq Scan on messages/);
    });

    test('the GIN indexes answer the match and the subject: and from: checks as search-conditions.ts writes them', async () => {
      // On these few rows the planner may rather take the folders' index for the whole page: ask
      // each index alone, so that a check no longer written as its index expression fails here.
      const conditions = (query: string) => {
        const parsed = parseSearchQuery(query);
        assert.ok(parsed.ok);
        return searchConditions(parsed.query);
      };
      const plan = await db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        const explain = async (where: SQL) =>
          rowsOf<Record<string, string>>(await tx.execute(sql`explain (costs off) select id from messages where ${where}`))
            .map((r) => Object.values(r)[0])
            .join('\n');
        const field = (query: string) => sql`search_vector is not null and ${conditions(query).indexedFieldChecks!}`;
        return [
          await explain(conditions('report').match!),
          await explain(field('subject:offerte')),
          await explain(field('from:jan')),
        ].join('\n');
      });
      assert.match(plan, /Bitmap Index Scan on messages_search_idx/);
      assert.match(plan, /Bitmap Index Scan on messages_subject_search_idx/);
      assert.match(plan, /Bitmap Index Scan on messages_from_search_idx/);
    });

    test('a common word is read newest first down each folder’s date index, stopping at the page, never gathering every match', async () => {
      const plan = await runPlan('report has:attachment from:sender', { kind: 'newest' }, true);
      const text = plan.join('\n');
      assert.match(text, /Limit\n\s+-> {2}Merge Append/);
      assert.match(text, /Index Scan using messages_folder_date_idx on messages/);
      assert.doesNotMatch(text, /Bitmap|-> {2}Sort|Seq Scan on messages/);
    });

    test('every plan finds the same rows in the same order', async () => {
      for (const query of [
        'vergadering',
        'report -numbers',
        '"weekly report"',
        'from:jan',
        'subject:report',
        'cc:jan@example.nl',
        'jan -from:jan',
        'subject:vergadering has:attachment',
        'in:inbox is:unread',
        'offerte -in:sent',
        'after:2026-11-02 before:2026-11-04',
      ]) {
        const expected = await runPlan(query, { kind: 'matches', bound: null });
        assert.deepEqual(await runPlan(query, { kind: 'newest' }), expected, `newest: ${query}`);
        assert.deepEqual(await runPlan(query, { kind: 'scan' }), expected, `scan: ${query}`);
        assert.deepEqual(await subjects(query), expected, `searchMessages: ${query}`);
      }
    });

    test('every plan pages the same way (keyset over equal dates)', async () => {
      const plans: SearchPlan[] = [
        { kind: 'matches', bound: null },
        { kind: 'matches', bound: 5000 },
        { kind: 'newest' },
        { kind: 'scan' },
      ];
      const pages = async (query: string, plan: SearchPlan) => {
        const ids: string[] = [];
        let before: { internalDate: Date; id: string } | undefined;
        for (;;) {
          const rows = await planRows(query, plan, 2, before);
          if (!rows.length) return ids;
          ids.push(...rows.map((r) => r.id!));
          const last = rows.at(-1)!;
          before = { internalDate: new Date(last.internalDate!), id: last.id! };
        }
      };
      for (const query of ['paginering', 'in:inbox', 'subject:pagina -has:attachment']) {
        const expected = (await planRows(query, plans[0]!, 100)).map((r) => r.id!);
        assert.ok(expected.length >= 5, query);
        for (const plan of plans) assert.deepEqual(await pages(query, plan), expected, `${plan.kind}: ${query}`);
      }
    });

    test('user text never reaches SQL or tsquery syntax: quotes, backslashes and operators are just words', async () => {
      for (const hostile of [
        "'; drop table messages; --",
        '\\\\ \\',
        "o'brien & | ! <-> :*",
        'from:"\'\\"',
        '"a & b"',
        'in:"\'"',
      ]) {
        const parsed = parseSearchQuery(hostile);
        if (parsed.ok) await searchMessages(db, ann.userId, parsed.query, 10);
      }
      assert.deepEqual(await subjects('vergadering'), ['Kapotte vergadering', 'Vergadering morgen']);
    });
  });
}

test('chooseSearchPlan: words try the index bounded, then walk the dates; more folders than a merge holds fall back', () => {
  assert.deepEqual(chooseSearchPlan(true, null, 6), { kind: 'matches', bound: MAX_GATHERED });
  assert.equal(chooseSearchPlan(true, MAX_GATHERED, 6), 'done');
  assert.deepEqual(chooseSearchPlan(true, MAX_GATHERED + 1, 6), { kind: 'newest' });
  assert.deepEqual(chooseSearchPlan(false, null, 6), { kind: 'newest' });
  assert.deepEqual(chooseSearchPlan(true, MAX_GATHERED + 1, DATE_WALK_MAX_FOLDERS + 1), { kind: 'matches', bound: null });
  assert.deepEqual(chooseSearchPlan(false, null, DATE_WALK_MAX_FOLDERS + 1), { kind: 'scan' });
});

function sqlMoveAccount(accountId: string, userId: string) {
  return sql`update mail_accounts set user_id = ${userId} where id = ${accountId}`;
}
