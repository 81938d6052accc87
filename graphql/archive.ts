import 'server-only';
import { AppError } from '../lib/errors.ts';
import {
  findArchivedDocument,
  findDocumentTargets,
  findThreadArchiveTargets,
  type ArchivedDocumentSummary,
} from '../db/queries/archived-documents.ts';
import {
  archiveStatusForMessages,
  archivedDocuments,
  encodeDocumentCursor,
  MAX_STATUS_MESSAGES,
  type MessageArchiveMark,
} from '../lib/archive/archived-documents.ts';
import type { ArchiveViewer } from '../lib/archive/archive-target.ts';
import { suggestArchiveTargets, type ArchiveSuggestion } from '../lib/archive/suggest-archive-targets.ts';
import type { Db } from '../db/client.ts';
import {
  archiveViewer,
  ArchivedDocumentRef,
  ArchiveTargetInput,
  ArchiveTargetKindEnum,
  ArchiveTargetRef,
  toTarget,
  type ArchivedDocumentView,
} from './archive-types.ts';
import { authz, builder } from './builder.ts';
import { MAX_LENGTH, maxItems, maxLength } from './input-limits.ts';

interface DocumentConnection {
  edges: Array<{ cursor: string; node: ArchivedDocumentView }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const DocumentEdgeRef = builder.objectRef<DocumentConnection['edges'][number]>('ArchivedDocumentEdge').implement({
  fields: (t) => ({ cursor: t.exposeString('cursor'), node: t.field({ type: ArchivedDocumentRef, resolve: (e) => e.node }) }),
});

const DocumentPageInfoRef = builder.objectRef<DocumentConnection['pageInfo']>('ArchivedDocumentPageInfo').implement({
  description: 'Relay page info (forward only: newest first, `after` the endCursor).',
  fields: (t) => ({ hasNextPage: t.exposeBoolean('hasNextPage'), endCursor: t.exposeString('endCursor', { nullable: true }) }),
});

const DocumentConnectionRef = builder.objectRef<DocumentConnection>('ArchivedDocumentConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [DocumentEdgeRef], resolve: (c) => c.edges }),
    pageInfo: t.field({ type: DocumentPageInfoRef, resolve: (c) => c.pageInfo }),
  }),
});

builder.queryField('archivedDocuments', (t) =>
  t.field({
    type: DocumentConnectionRef,
    description:
      'The timeline of a person, company, project or sale: documents archived to it that the viewer may see (private ones only ' +
      'their owner), newest first. A target of another tenant simply has none.',
    extensions: authz('signedIn'),
    args: {
      target: t.arg({ type: ArchiveTargetInput, description: 'The record; or one of personId, companyId, projectId, saleId.' }),
      personId: t.arg.id(),
      companyId: t.arg.id(),
      projectId: t.arg.id(),
      saleId: t.arg.id(),
      first: t.arg.int({ defaultValue: 20, description: '1–100.' }),
      after: t.arg.string({ extensions: maxLength(MAX_LENGTH.cursor) }),
    },
    resolve: async (_root, { target, personId, companyId, projectId, saleId, first, after }, context) => {
      const { db } = context.services.database;
      const viewer = archiveViewer(context.viewer!);
      const named = [
        target ? toTarget(target) : null,
        personId ? toTarget({ kind: 'person', id: personId }) : null,
        companyId ? toTarget({ kind: 'company', id: companyId }) : null,
        projectId ? toTarget({ kind: 'project', id: projectId }) : null,
        saleId ? toTarget({ kind: 'sale', id: saleId }) : null,
      ].filter((x) => x !== null);
      if (named.length !== 1)
        throw new AppError('BAD_USER_INPUT', {
          field: 'target',
          message: 'Name one record: target, or one of personId, companyId, projectId, saleId.',
        });
      const page = await archivedDocuments(db, viewer, named[0]!, { first, after });
      const nodes = await withTargets(db, viewer, page.nodes);
      return {
        edges: nodes.map((node) => ({ cursor: encodeDocumentCursor(node), node })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      };
    },
  }),
);

builder.queryField('archivedDocument', (t) =>
  t.field({
    type: ArchivedDocumentRef,
    nullable: true,
    description: 'One archived document with its download URL; null when it does not exist or the viewer may not see it.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, context) => {
      const { db } = context.services.database;
      const viewer = archiveViewer(context.viewer!);
      const row = await findArchivedDocument(db, viewer, String(id));
      return row ? (await withTargets(db, viewer, [row]))[0]! : null;
    },
  }),
);

const MessageArchiveMarkRef = builder.objectRef<MessageArchiveMark>('MessageArchiveMark').implement({
  description: 'A message of the viewer’s that is archived (whole, or attachments of it), and to what.',
  fields: (t) => ({
    messageId: t.exposeID('messageId'),
    wholeMessage: t.exposeBoolean('wholeMessage', { description: 'False when only attachments of it are archived.' }),
    documentIds: t.exposeIDList('documentIds'),
    targets: t.field({ type: [ArchiveTargetRef], resolve: (m) => m.targets }),
  }),
});

builder.queryField('messageArchiveMarks', (t) =>
  t.field({
    type: [MessageArchiveMarkRef],
    description:
      'For the inbox’s mark ("archived to Acme BV"): which of these messages of the viewer’s are archived in a document the viewer ' +
      'may see (also as a copy with the same source), and to what. Messages not archived are left out.',
    extensions: authz('signedIn'),
    args: { messageIds: t.arg.idList({ required: true, extensions: { ...maxItems(MAX_STATUS_MESSAGES) } }) },
    resolve: (_root, { messageIds }, context) =>
      archiveStatusForMessages(context.services.database.db, archiveViewer(context.viewer!), messageIds.map(String)),
  }),
);

builder.queryField('threadArchiveTargets', (t) =>
  t.field({
    type: [ArchiveTargetRef],
    description:
      'Where the thread of one of the viewer’s messages is archived: the targets of the archived messages (that the viewer may ' +
      'see) among the message itself and those it answers (In-Reply-To, References). A reply or forward starts archived there.',
    extensions: authz('signedIn'),
    args: { messageId: t.arg.id({ required: true }) },
    resolve: (_root, { messageId }, context) =>
      findThreadArchiveTargets(context.services.database.db, archiveViewer(context.viewer!), String(messageId)),
  }),
);

const ArchiveSuggestionReasonEnum = builder.enumType('ArchiveSuggestionReason', {
  values: {
    ADDRESS: { value: 'address', description: 'A person with this e-mail address.' },
    DOMAIN: { value: 'domain', description: 'A company with this e-mail domain.' },
    PERSON: { value: 'person', description: 'The company of a suggested person.' },
  } as const,
});

export const ArchiveSuggestionRef = builder.objectRef<ArchiveSuggestion>('ArchiveSuggestion').implement({
  fields: (t) => ({
    kind: t.field({ type: ArchiveTargetKindEnum, resolve: (s) => s.kind }),
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    matched: t.exposeString('matched', { description: 'The address or domain that matched.' }),
    reason: t.field({ type: ArchiveSuggestionReasonEnum, resolve: (s) => s.reason }),
  }),
});

builder.queryField('archiveSuggestions', (t) =>
  t.field({
    type: [ArchiveSuggestionRef],
    description:
      'What the archive dialog pre-selects for one of the viewer’s messages: persons by sender and recipient addresses (sender ' +
      'first), their companies, then companies by domain; the viewer’s own addresses and domains left out.',
    extensions: authz('signedIn'),
    args: { messageId: t.arg.id({ required: true }) },
    resolve: (_root, { messageId }, context) =>
      suggestArchiveTargets(context.services.database.db, archiveViewer(context.viewer!), String(messageId)),
  }),
);

/** Documents with the targets each is linked to: one query for the page. */
export async function withTargets(
  db: Db,
  viewer: ArchiveViewer,
  rows: ArchivedDocumentSummary[],
): Promise<ArchivedDocumentView[]> {
  const targets = await findDocumentTargets(
    db,
    viewer.tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, targets: targets.get(r.id) ?? [] }));
}
