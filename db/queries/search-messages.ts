import 'server-only';
import { and, inArray, sql, type SQL } from 'drizzle-orm';
import type { SearchQuery } from '../../lib/search/parse-search-query.ts';
import type { Db } from '../client.ts';
import { messageBodies, messages, type MailAddress } from '../schema/index.ts';
import { summaryColumns, type MessageSummary } from './message-list.ts';
import { rowsOf } from './rows-of.ts';
import { searchConditions, type SearchConditions } from './search-conditions.ts';

/** Characters of each hit's body read back for the highlighted snippet. @default 10000 */
const BODY_FOR_SNIPPET = 10_000;

export interface SearchHits {
  /** Newest first (INTERNALDATE, then id): a stable order for keyset pages. */
  rows: MessageSummary[];
  /** The first BODY_FOR_SNIPPET characters of each hit's text body, by message id. */
  bodies: Map<string, string>;
}

type Cursor = { internalDate: Date; id: string };

/**
 * The most rows the GIN indexes may gather for one page (see searchPageStatement): up to this
 * many are filtered and sorted (≈ 10 ms for 5,000 on 100k messages, bench:search); past it the
 * page is read newest first from the folders' date index instead. @default 5000
 */
export const MAX_GATHERED = 5_000;
/** The most folders read newest first as one merge (one branch of the statement each). @default 100 */
export const DATE_WALK_MAX_FOLDERS = 100;

/**
 * How a page is read (see searchPageStatement). 'matches': the rows the GIN indexes match,
 * gathered (at most `bound`, if set), then filtered and sorted: quick when they are few.
 * 'newest': each folder's date index walked newest first, checking the conditions on the way and
 * stopping at the page's end: quick when matches are many. 'scan': the planner's own plan.
 */
export type SearchPlan = { kind: 'matches'; bound: number | null } | { kind: 'newest' } | { kind: 'scan' };

/**
 * The next plan to try, decided purely. `gathered` is null before any try, else what the bounded
 * 'matches' try gathered (bound + 1 when it hit the bound). Words first try the index, bounded;
 * a search without words, or with more matches than the bound, walks the folders' date index,
 * unless the user has more folders than one merge should hold.
 */
export function chooseSearchPlan(hasWords: boolean, gathered: number | null, folders: number): SearchPlan | 'done' {
  if (hasWords && gathered === null) return { kind: 'matches', bound: MAX_GATHERED };
  if (gathered !== null && gathered <= MAX_GATHERED) return 'done';
  if (folders <= DATE_WALK_MAX_FOLDERS) return { kind: 'newest' };
  return hasWords ? { kind: 'matches', bound: null } : { kind: 'scan' };
}

/**
 * One page of the messages in every folder of the user's own accounts that match the search,
 * newest first, after `before` (the last row of the previous page). The user's accounts scope the
 * query in SQL: another user's mail is never read.
 */
export async function searchMessages(
  db: Db,
  userId: string,
  query: SearchQuery,
  first: number,
  before?: Cursor,
): Promise<SearchHits> {
  const conditions = searchConditions(query);
  const folders = await searchFolders(db, userId, conditions);
  if (!folders.length) return { rows: [], bodies: new Map() };
  let gathered: number | null = null;
  let rows: MessageSummary[] = [];
  for (;;) {
    const plan = chooseSearchPlan(!!conditions.match, gathered, folders.length);
    if (plan === 'done') break;
    const statement = searchPageStatement(conditions, plan, folders, first, before);
    const result = rowsOf<SummaryRow>(
      await db.transaction(async (tx) => {
        await pinPlan(tx, plan);
        return tx.execute(statement);
      }),
    );
    rows = result.filter((r) => r.id !== null).map(toSummary);
    if (plan.kind !== 'matches' || plan.bound === null) break;
    gathered = Number(result[0]!.gathered);
  }
  const bodies = new Map<string, string>();
  if (rows.length) {
    const texts = await db
      .select({ id: messageBodies.messageId, text: sql<string | null>`left(${messageBodies.text}, ${BODY_FOR_SNIPPET})` })
      .from(messageBodies)
      .where(
        inArray(
          messageBodies.messageId,
          rows.map((r) => r.id),
        ),
      );
    for (const t of texts) if (t.text) bodies.set(t.id, t.text);
  }
  return { rows, bodies };
}

/**
 * Keeps PostgreSQL on the plan chosen (see searchPageStatement), for the transaction only. Its
 * estimates cannot see why: `@@` is costed as one cheap operator although it decompresses a
 * vector of a few kB, and a field check (three `to_tsvector` of the field, ≈ 40 µs a row) is
 * guessed to match almost nothing, so it would rather scan, or collect a folder's rows by bitmap
 * and sort them, than walk the date index and stop at the page's end.
 */
export async function pinPlan(tx: Pick<Db, 'execute'>, plan: SearchPlan): Promise<void> {
  if (plan.kind === 'scan') return;
  await tx.execute(sql`set local enable_seqscan = off`);
  if (plan.kind === 'newest') {
    await tx.execute(sql`set local enable_bitmapscan = off`);
    await tx.execute(sql`set local enable_sort = off`);
  }
}

/** The ids of the user's folders that the search's in: terms allow (all without them). */
export async function searchFolders(db: Db, userId: string, conditions: SearchConditions): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select f.id from mail_folders f
      where f.account_id in (select a.id from mail_accounts a where a.user_id = ${userId}) and ${conditions.folders ?? sql`true`}
      order by f.id`),
  );
  return rows.map((r) => r.id);
}

/**
 * The statement of one page by `plan` (chooseSearchPlan), `folders` being the user's own
 * (searchFolders: they scope the query, another user's mail is never read).
 *
 * 'newest': one walk per folder down messages_folder_date_idx under the page's limit, checking
 * every condition on its way (cheap columns first, field checks last: PostgreSQL orders quals by
 * cost), merged by date (Merge Append): the statement stops once the page is full. For a word in
 * most messages that reads a few hundred rows where gathering the matches read all of them
 * (bench:search, 100k: from:sender has:attachment 171 ms before).
 *
 * 'matches': in steps (1) the rows the GIN indexes match (search_vector, and subject/from for
 * their field terms), materialized narrow, at most `bound` + 1 of them (a CTE that takes the
 * table's name, so that the conditions compiled against `messages` apply to it unchanged; the
 * subject and addresses only when a field check needs them); (2) the other conditions, the order
 * and the limit on those; (3) the page's summaries read from the table by id, with how many rows
 * step 1 gathered (one row of nulls but that count when nothing is found). PostgreSQL costs `@@`
 * as one cheap operator although each evaluation decompresses a TOASTed vector of a few kB: left
 * to itself it scans the table (or walks another index) for a common word, ≈ 10× slower than the
 * index; pinPlan turns sequential scans off, which leaves the GIN indexes as step 1's way in.
 *
 * 'scan': without words, over more folders than one merge should hold.
 *
 * Exported so the plan can be checked with EXPLAIN.
 */
export function searchPageStatement(
  conditions: SearchConditions,
  plan: SearchPlan,
  folders: string[],
  first: number,
  before?: Cursor,
): SQL {
  const { textMatch, filters, indexedFieldChecks, fieldChecks } = conditions;
  const newestFirst = sql`order by ${messages.internalDate} desc, ${messages.id} desc limit ${first}`;
  if (plan.kind === 'newest') {
    const walks = folders.map(
      (folder) => sql`(select ${messages.id}, ${messages.internalDate} from messages
        where ${and(sql`${messages.folderId} = ${folder}::uuid`, visible, textMatch, filters, indexedFieldChecks, fieldChecks, after(before))}
        ${newestFirst})`,
    );
    return sql`select ${summaryOf('m')}
      from (select * from (${sql.join(walks, sql` union all `)}) as walks
        order by internal_date desc, id desc limit ${first}) as page
      join messages m on m.id = page.id
      order by page.internal_date desc, page.id desc`;
  }
  if (plan.kind === 'scan') {
    return sql`select ${summaryOf('messages')} from messages
      where ${and(inFolders(folders), visible, textMatch, filters, indexedFieldChecks, fieldChecks, after(before))} ${newestFirst}`;
  }
  const columns = fieldChecks ? [...FILTER_COLUMNS, ...FIELD_COLUMNS] : FILTER_COLUMNS;
  return sql`with messages as materialized (
      select ${sql.join(
        columns.map((c) => sql.identifier(c.name)),
        sql`, `,
      )} from messages where ${gathered(conditions, folders, before)}
      ${plan.bound === null ? sql`` : sql`limit ${plan.bound + 1}`}),
    page as (select id, internal_date from messages where ${and(filters, fieldChecks) ?? sql`true`} ${newestFirst})
    select ${summaryOf('m')}, (select count(*) from messages)::int as gathered
    from (select) as always
    left join (page join public.messages m on m.id = page.id) on true
    order by page.internal_date desc, page.id desc`;
}

/**
 * What the GIN indexes answer: the match, the indexed field checks (`search_vector is not null`
 * lets PostgreSQL use their partial indexes), in the user's folders, after the cursor.
 */
function gathered(conditions: SearchConditions, folders: string[], before?: Cursor): SQL | undefined {
  return and(
    conditions.match,
    conditions.indexedFieldChecks && sql`${messages.searchVector} is not null and ${conditions.indexedFieldChecks}`,
    inFolders(folders),
    visible,
    after(before),
  );
}

/** Rows hidden by a move or delete not yet carried out (mail_actions) are already gone for the person. */
const visible = sql`${messages.hiddenBy} is null`;

function inFolders(folders: string[]): SQL {
  return sql`${messages.folderId} = any(${`{${folders.join(',')}}`}::uuid[])`;
}

/** Keyset: the rows after the previous page's last (newest first). */
function after(before?: Cursor): SQL | undefined {
  return before
    ? sql`(${messages.internalDate}, ${messages.id}) < (${before.internalDate.toISOString()}::timestamptz, ${before.id}::uuid)`
    : undefined;
}

/** What the filters and the order read (search-conditions.ts). */
const FILTER_COLUMNS = [messages.id, messages.internalDate, messages.seen, messages.flagged, messages.hasAttachments];
/** What from: to: cc: subject: read. */
const FIELD_COLUMNS = [messages.subject, messages.from, messages.to, messages.cc];

/** The MessageSummary columns of `table` (a name or alias), dates as ISO text for both drivers. */
function summaryOf(table: string): SQL {
  return sql.join(
    Object.entries(summaryColumns).map(([key, column]) => {
      const value = sql`${sql.identifier(table)}.${sql.identifier(column.name)}`;
      const isDate = key === 'internalDate' || key === 'sentAt';
      return sql`${isDate ? sql`to_json(${value}) #>> '{}'` : value} as ${sql.identifier(key)}`;
    }),
    sql`, `,
  );
}

interface SummaryRow extends Omit<MessageSummary, 'internalDate' | 'sentAt' | 'from' | 'to'> {
  /** The 'matches' plan only: how many rows its first step gathered. */
  gathered?: number;
  internalDate: string;
  sentAt: string | null;
  from: MailAddress[] | string;
  to: MailAddress[] | string;
}

function toSummary({ gathered: _, ...row }: SummaryRow): MessageSummary {
  return {
    ...row,
    internalDate: new Date(row.internalDate),
    sentAt: row.sentAt === null ? null : new Date(row.sentAt),
    from: typeof row.from === 'string' ? (JSON.parse(row.from) as MailAddress[]) : row.from,
    to: typeof row.to === 'string' ? (JSON.parse(row.to) as MailAddress[]) : row.to,
  };
}
