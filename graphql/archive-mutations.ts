import 'server-only';
import { archiveAttachments } from '../lib/archive/archive-attachments.ts';
import type { ArchiveDeps } from '../lib/archive/archive-deps.ts';
import { archiveMessage, archiveMessages, type ArchiveResult } from '../lib/archive/archive-messages.ts';
import {
  MAX_ARCHIVE_ATTACHMENTS,
  MAX_ARCHIVE_MESSAGES,
  MAX_ARCHIVE_TARGETS,
  MAX_CATEGORY_LENGTH,
  type ArchiveOptions,
  type ArchiveVisibility,
} from '../lib/archive/archive-target.ts';
import { unarchive } from '../lib/archive/unarchive.ts';
import { archiveViewer, ArchiveTargetInput, ArchiveTargetRef, ArchiveVisibilityEnum, toTarget } from './archive-types.ts';
import { authz, builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { maxItems, maxLength } from './input-limits.ts';

const ArchiveResultRef = builder.objectRef<ArchiveResult>('ArchiveResult').implement({
  fields: (t) => ({
    documentIds: t.exposeIDList('documentIds', {
      description: 'One per distinct source: two copies of a mail are one document.',
    }),
    newLinks: t.exposeInt('newLinks', {
      description: 'Links made by this call; 0 when all was archived there already (idempotent).',
    }),
    targets: t.field({ type: [ArchiveTargetRef], resolve: (r) => r.targets }),
  }),
});

function deps(context: GraphQLContext): ArchiveDeps {
  return { db: context.services.database.db, bus: context.services.bus };
}

function options(args: { category?: string | null; visibility?: ArchiveVisibility | null }): ArchiveOptions {
  return { category: args.category, visibility: args.visibility ?? 'tenant' };
}

builder.mutationFields((t) => {
  const targets = t.arg({ type: [ArchiveTargetInput], required: true, extensions: { ...maxItems(MAX_ARCHIVE_TARGETS) } });
  const category = t.arg.string({
    extensions: maxLength(MAX_CATEGORY_LENGTH),
    description: 'Free text, e.g. "Quote"; at most 100 characters. Archiving again with a category replaces it.',
  });
  const visibility = t.arg({ type: ArchiveVisibilityEnum, defaultValue: 'tenant' });
  return {
    archiveMessage: t.field({
      type: ArchiveResultRef,
      description:
        'Archives one of the viewer’s messages (its original source, byte for byte, with its attachments) to CRM rows of the ' +
        'viewer’s tenant. Idempotent: the same mail to the same target again makes no second document or link. ' +
        'ARCHIVE_SOURCE_NOT_STORED while the source is still being fetched; ARCHIVE_TARGET_NOT_FOUND for a target not in the tenant.',
      extensions: authz('signedIn'),
      args: { messageId: t.arg.id({ required: true }), targets, category, visibility },
      resolve: (_root, args, context) =>
        archiveMessage(
          deps(context),
          archiveViewer(context.viewer!),
          String(args.messageId),
          args.targets.map(toTarget),
          options(args),
        ),
    }),
    archiveMessages: t.field({
      type: ArchiveResultRef,
      description: `archiveMessage for up to ${MAX_ARCHIVE_MESSAGES} messages in one request (bulk archive from the list).`,
      extensions: authz('signedIn'),
      args: {
        messageIds: t.arg.idList({ required: true, extensions: { ...maxItems(MAX_ARCHIVE_MESSAGES) } }),
        targets,
        category,
        visibility,
      },
      resolve: (_root, args, context) =>
        archiveMessages(
          deps(context),
          archiveViewer(context.viewer!),
          args.messageIds.map(String),
          args.targets.map(toTarget),
          options(args),
        ),
    }),
    archiveAttachments: t.field({
      type: ArchiveResultRef,
      description: 'Archives single attachments of one of the viewer’s messages, each as its own document.',
      extensions: authz('signedIn'),
      args: {
        messageId: t.arg.id({ required: true }),
        attachmentIds: t.arg.idList({ required: true, extensions: { ...maxItems(MAX_ARCHIVE_ATTACHMENTS) } }),
        targets,
        category,
        visibility,
      },
      resolve: (_root, args, context) =>
        archiveAttachments(
          deps(context),
          archiveViewer(context.viewer!),
          String(args.messageId),
          args.attachmentIds.map(String),
          args.targets.map(toTarget),
          options(args),
        ),
    }),
    unarchive: t.boolean({
      description:
        'Unlinks a document from `target`, or from everything without it. A document left without links is deleted. ' +
        'Returns whether the document is gone. NOT_FOUND when the viewer may not see it.',
      extensions: authz('signedIn'),
      args: { documentId: t.arg.id({ required: true }), target: t.arg({ type: ArchiveTargetInput }) },
      resolve: async (_root, { documentId, target }, context) =>
        (
          await unarchive(
            deps(context),
            archiveViewer(context.viewer!),
            String(documentId),
            target ? toTarget(target) : undefined,
          )
        ).documentDeleted,
    }),
  };
});
