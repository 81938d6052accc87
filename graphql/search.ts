import 'server-only';
import type { MessageSummary } from '../db/queries/message-list.ts';
import { searchMessages } from '../db/queries/search-messages.ts';
import { AppError } from '../lib/errors.ts';
import { highlightMatches, highlightWords, snippetAround, type HighlightedText } from '../lib/search/highlight-matches.ts';
import { isArchiveSearch, MAX_SEARCH_QUERY_LENGTH, parseSearchQuery } from '../lib/search/parse-search-query.ts';
import { authz, builder } from './builder.ts';
import { MAX_LENGTH, maxLength } from './input-limits.ts';
import { decodeCursor, encodeCursor, MessageSummaryRef } from './message.ts';

interface MessageHighlight {
  messageId: string;
  subject: HighlightedText;
  snippet: HighlightedText;
}

interface SearchPage {
  nodes: MessageSummary[];
  hasMore: boolean;
  highlights: MessageHighlight[];
}

const TextRangeRef = builder.objectRef<{ start: number; length: number }>('TextRange').implement({
  description: 'A part of a text, in UTF-16 code units (JavaScript string indices).',
  fields: (t) => ({ start: t.exposeInt('start'), length: t.exposeInt('length') }),
});

const HighlightedTextRef = builder.objectRef<HighlightedText>('HighlightedText').implement({
  description: 'Plain text (render it as text, never as HTML) and the ranges where the search matched.',
  fields: (t) => ({
    text: t.exposeString('text'),
    matches: t.field({ type: [TextRangeRef], resolve: (h) => h.matches }),
  }),
});

const MessageHighlightRef = builder.objectRef<MessageHighlight>('MessageHighlight').implement({
  fields: (t) => ({
    messageId: t.exposeID('messageId'),
    subject: t.field({ type: HighlightedTextRef, resolve: (h) => h.subject }),
    snippet: t.field({
      type: HighlightedTextRef,
      description: 'The body around the first match, or the stored snippet.',
      resolve: (h) => h.snippet,
    }),
  }),
});

const SearchPageRef = builder.objectRef<SearchPage>('SearchPage').implement({
  description: 'A page of search results: the same summaries and cursor as MessagePage, plus highlights in the same order.',
  fields: (t) => ({
    nodes: t.field({ type: [MessageSummaryRef], resolve: (p) => p.nodes }),
    hasMore: t.exposeBoolean('hasMore'),
    endCursor: t.string({ nullable: true, resolve: (p) => (p.nodes.length ? encodeCursor(p.nodes[p.nodes.length - 1]!) : null) }),
    highlights: t.field({ type: [MessageHighlightRef], resolve: (p) => p.highlights }),
  }),
});

builder.queryField('searchMessages', (t) =>
  t.field({
    type: SearchPageRef,
    description:
      'Messages in every folder of the viewer’s accounts matching the search, newest first. Words, "phrases", -negation, ' +
      'from: to: cc: subject: has:attachment is:unread|read|flagged in:<folder> before:/after:<YYYY-MM-DD> (UTC days). ' +
      'A query with in:archive, person: or company: is for searchArchive (BAD_USER_INPUT, reason archive_search). ' +
      'A query it cannot read is BAD_USER_INPUT with details { reason, token, position }.',
    extensions: authz('signedIn'),
    args: {
      query: t.arg.string({ required: true, extensions: maxLength(MAX_LENGTH.searchQuery) }),
      first: t.arg.int({ defaultValue: 50 }),
      after: t.arg.string({ extensions: maxLength(MAX_LENGTH.cursor) }),
    },
    resolve: async (_root, { query, first, after }, context) => {
      const parsed = parseSearchQuery(query.slice(0, MAX_SEARCH_QUERY_LENGTH));
      if (!parsed.ok) {
        const { reason, token, position, message } = parsed.error;
        throw new AppError('BAD_USER_INPUT', { field: 'query', message, details: { reason, token, position } });
      }
      // The CRM archive has its own query and result type (graphql/archive-search.ts).
      if (isArchiveSearch(parsed.query))
        throw new AppError('BAD_USER_INPUT', {
          field: 'query',
          message: 'in:archive, person: and company: search the CRM archive: ask searchArchive.',
          details: { reason: 'archive_search', token: '', position: 0 },
        });
      const limit = Math.min(Math.max(first ?? 50, 1), 200);
      const { rows, bodies } = await searchMessages(
        context.services.database.db,
        context.viewer!.user.id,
        parsed.query,
        limit + 1,
        after ? decodeCursor(after) : undefined,
      );
      const nodes = rows.slice(0, limit);
      const words = highlightWords(parsed.query);
      return {
        nodes,
        hasMore: rows.length > limit,
        highlights: nodes.map((m) => ({
          messageId: m.id,
          subject: highlightMatches(m.subject, words),
          snippet: snippetAround(bodies.get(m.id) ?? null, m.snippet, words),
        })),
      };
    },
  }),
);
