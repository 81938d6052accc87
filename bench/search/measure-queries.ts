import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/client.ts';
import { listFolderMessages } from '../../db/queries/message-list.ts';
import { searchMessages } from '../../db/queries/search-messages.ts';
import { parseSearchQuery } from '../../lib/search/parse-search-query.ts';
import { summarize, type Summary } from '../sync/stats.ts';

/** Rows per page, as the GraphQL `messages` and `searchMessages` default (50) plus the has-more probe. */
const PAGE = 51;
/** Untimed runs of each query first, so the measurement sees a warm cache as a user would. */
const WARMUP = 2;

export interface QueryMeasurement {
  name: string;
  /** The queries cycled through, one per sample. */
  queries: string[];
  /** Rows on the first page of each query, in order. */
  rows: number[];
  summary: Summary;
  /** The samples of each query on its own, in order. */
  perQuery: Summary[];
}

async function timed(
  samples: number,
  distinct: number,
  run: (i: number) => Promise<number>,
): Promise<{ times: number[]; rows: number[]; perQuery: Summary[] }> {
  const rows: number[] = [];
  for (let i = 0; i < WARMUP * distinct; i++) rows.push(await run(i));
  const times: number[] = [];
  const byQuery: number[][] = Array.from({ length: distinct }, () => []);
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await run(i);
    const elapsed = performance.now() - start;
    times.push(elapsed);
    byQuery[i % distinct]!.push(elapsed);
  }
  return { times, rows, perQuery: byQuery.map(summarize) };
}

/** The first page of a folder, as the GraphQL `messages` field reads it, cycling through the folders. */
export async function measureFolderPage(
  db: Db,
  folders: Array<{ id: string; path: string }>,
  samples: number,
): Promise<QueryMeasurement> {
  const { times, rows, perQuery } = await timed(samples, folders.length, async (i) => {
    const page = await listFolderMessages(db, folders[i % folders.length]!.id, PAGE);
    return page.length;
  });
  return {
    name: 'first page of a folder',
    queries: folders.map((f) => f.path),
    rows: rows.slice(0, folders.length),
    summary: summarize(times),
    perQuery,
  };
}

/** `searchMessages` (what the GraphQL field runs, snippet bodies included), cycling through `queries`. */
export async function measureSearch(
  db: Db,
  userId: string,
  name: string,
  queries: string[],
  samples: number,
): Promise<QueryMeasurement> {
  const parsed = queries.map((q) => {
    const result = parseSearchQuery(q);
    if (!result.ok) throw new Error(`bench query ${q} does not parse: ${result.error.reason}`);
    return result.query;
  });
  const { times, rows, perQuery } = await timed(samples, parsed.length, async (i) => {
    const hits = await searchMessages(db, userId, parsed[i % parsed.length]!, PAGE);
    return hits.rows.length;
  });
  return { name, queries, rows: rows.slice(0, queries.length), summary: summarize(times), perQuery };
}
