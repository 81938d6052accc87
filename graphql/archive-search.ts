import 'server-only';
import { searchArchive } from '../db/queries/search-archive.ts';
import { decodeDocumentCursor, encodeDocumentCursor, MAX_PAGE_SIZE } from '../lib/archive/archived-documents.ts';
import { AppError } from '../lib/errors.ts';
import { MAX_SEARCH_QUERY_LENGTH, parseSearchQuery } from '../lib/search/parse-search-query.ts';
import { withTargets } from './archive.ts';
import { archiveViewer, ArchivedDocumentRef, type ArchivedDocumentView } from './archive-types.ts';
import { authz, builder } from './builder.ts';
import { MAX_LENGTH, maxLength } from './input-limits.ts';

interface ArchiveSearchPage {
  nodes: ArchivedDocumentView[];
  hasMore: boolean;
  endCursor: string | null;
}

const ArchiveSearchPageRef = builder.objectRef<ArchiveSearchPage>('ArchiveSearchPage').implement({
  description: 'A page of archived documents matching a search, newest first.',
  fields: (t) => ({
    nodes: t.field({ type: [ArchivedDocumentRef], resolve: (p) => p.nodes }),
    hasMore: t.exposeBoolean('hasMore'),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

builder.queryField('searchArchive', (t) =>
  t.field({
    type: ArchiveSearchPageRef,
    description:
      'Archived documents the viewer may see (private ones only their owner) matching the search language of searchMessages: ' +
      'words, "phrases", -negation, from: to: cc: subject: before:/after:, has:attachment (archived attachments), in:archive ' +
      '(implied), person:<name or e-mail>, company:<name or domain> (also documents of its persons). The search box sends a query ' +
      'that says in:archive, person: or company: here (searchMessages refuses them). is: and in:<folder> are BAD_USER_INPUT.',
    extensions: authz('signedIn'),
    args: {
      query: t.arg.string({ required: true, extensions: maxLength(MAX_LENGTH.searchQuery) }),
      first: t.arg.int({ defaultValue: 20, description: '1–100.' }),
      after: t.arg.string({ extensions: maxLength(MAX_LENGTH.cursor) }),
    },
    resolve: async (_root, { query, first, after }, context) => {
      const parsed = parseSearchQuery(query.slice(0, MAX_SEARCH_QUERY_LENGTH));
      if (!parsed.ok) {
        const { reason, token, position, message } = parsed.error;
        throw new AppError('BAD_USER_INPUT', { field: 'query', message, details: { reason, token, position } });
      }
      const { db } = context.services.database;
      const viewer = archiveViewer(context.viewer!);
      const limit = Math.min(Math.max(first ?? 20, 1), MAX_PAGE_SIZE);
      const rows = await searchArchive(db, viewer, parsed.query, limit + 1, after ? decodeDocumentCursor(after) : undefined);
      const nodes = await withTargets(db, viewer, rows.slice(0, limit));
      const last = nodes[nodes.length - 1];
      return { nodes, hasMore: rows.length > limit, endCursor: last ? encodeDocumentCursor(last) : null };
    },
  }),
);
