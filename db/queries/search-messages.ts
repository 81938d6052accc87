import 'server-only';
import { and, desc, inArray, sql } from 'drizzle-orm';
import type { SearchQuery } from '../../lib/search/parse-search-query.ts';
import type { Db } from '../client.ts';
import { messageBodies, messages } from '../schema/index.ts';
import { summaryColumns, type MessageSummary } from './message-list.ts';
import { searchConditions } from './search-conditions.ts';

/** Characters of each hit's body read back for the highlighted snippet. @default 10000 */
const BODY_FOR_SNIPPET = 10_000;

export interface SearchHits {
  /** Newest first (INTERNALDATE, then id): a stable order for keyset pages. */
  rows: MessageSummary[];
  /** The first BODY_FOR_SNIPPET characters of each hit's text body, by message id. */
  bodies: Map<string, string>;
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
  before?: { internalDate: Date; id: string },
): Promise<SearchHits> {
  const rows = await db
    .select(summaryColumns)
    .from(messages)
    .where(
      and(
        sql`${messages.accountId} in (select a.id from mail_accounts a where a.user_id = ${userId})`,
        searchConditions(query),
        before
          ? sql`(${messages.internalDate}, ${messages.id}) < (${before.internalDate.toISOString()}::timestamptz, ${before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(messages.internalDate), desc(messages.id))
    .limit(first);
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
