import 'server-only';
import { findDraftCopies, listDrafts } from '../db/queries/drafts.ts';
import type { Draft } from '../db/schema/index.ts';
import { discardDraft } from '../lib/drafts/discard-draft.ts';
import { draftsTopic, type DraftChanged } from '../lib/drafts/draft-events.ts';
import { draftFromMessage, type DraftContent } from '../lib/drafts/draft-from-message.ts';
import { resumeDraft } from '../lib/drafts/resume-draft.ts';
import { saveDraft } from '../lib/drafts/save-draft.ts';
import { undoSend } from '../lib/outbox/undo-send.ts';
import type { UploadInfo } from '../db/queries/uploads.ts';
import { ArchiveOnSendRef, archiveOnSendOf, toArchiveOnSend } from './archive-on-send.ts';
import { authz, builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { ComposeInput } from './outbox.ts';

/** A draft with the row of its server copy, once the Drafts folder's sync has it. */
type DraftView = Draft & { copyId: string | null };

const DraftRef = builder.objectRef<DraftView>('Draft').implement({
  description:
    'A message being written (issue 11): kept here and in the account’s Drafts folder on the mail server, so it can be resumed anywhere.',
  fields: (t) => ({
    id: t.exposeID('id'),
    accountId: t.exposeID('accountId'),
    savedAt: t.field({ type: 'DateTime', resolve: (d) => d.savedAt }),
    messageId: t.id({
      nullable: true,
      description: 'The draft’s row in the Drafts folder once it is on the server and synced (for draftFromMessage).',
      resolve: (d) => d.copyId,
    }),
    subject: t.string({ resolve: (d) => d.fields.subject }),
    to: t.stringList({ resolve: (d) => d.fields.to }),
    cc: t.stringList({ resolve: (d) => d.fields.cc }),
    bcc: t.stringList({ resolve: (d) => d.fields.bcc }),
    text: t.string({ resolve: (d) => d.fields.text }),
    html: t.string({ nullable: true, resolve: (d) => d.fields.html }),
    replyToMessageId: t.id({ nullable: true, resolve: (d) => d.fields.replyToMessageId }),
    forwardMessageId: t.id({ nullable: true, resolve: (d) => d.fields.forwardMessageId }),
    forwardAsAttachment: t.boolean({ resolve: (d) => d.fields.forwardAsAttachment }),
    attachmentIds: t.idList({
      description: 'The uploads the files were taken from (the draft keeps its own copy of their bytes).',
      resolve: (d) => d.fields.attachmentIds,
    }),
    archive: t.field({
      type: ArchiveOnSendRef,
      nullable: true,
      description: 'Send and archive as saved with the draft (null: send only).',
      resolve: (d, _args, context) => archiveOnSendOf(d.archive, context),
    }),
  }),
});

export const UploadRef = builder.objectRef<UploadInfo>('Upload').implement({
  description: 'A file uploaded for a message being written (POST /api/uploads, or taken from a draft).',
  fields: (t) => ({
    id: t.exposeID('id'),
    filename: t.exposeString('filename'),
    contentType: t.exposeString('contentType'),
    size: t.exposeInt('size'),
  }),
});

const InlineImageRef = builder.objectRef<DraftContent['inlineImages'][number]>('InlineUpload').implement({
  description: 'An image a message’s HTML shows as `cid:<contentId>`, uploaded for the composer.',
  fields: (t) => ({
    contentId: t.exposeString('contentId'),
    upload: t.field({ type: UploadRef, resolve: (i) => i.upload }),
  }),
});

const ComposeDraftContentRef = builder.objectRef<DraftContent>('ComposeDraftContent').implement({
  description: 'A stored message turned into the composer’s fields (draftFromMessage).',
  fields: (t) => ({
    accountId: t.exposeID('accountId'),
    draftId: t.exposeID('draftId', {
      nullable: true,
      description:
        'Our draft this message is the copy of: pass it to saveDraft and sendMessage. Another client’s draft in Drafts is taken over under its Message-ID, so saving replaces it; null for a message elsewhere.',
    }),
    to: t.exposeStringList('to'),
    cc: t.exposeStringList('cc'),
    bcc: t.exposeStringList('bcc'),
    subject: t.exposeString('subject'),
    text: t.exposeString('text'),
    html: t.exposeString('html', { nullable: true }),
    attachments: t.field({
      type: [UploadRef],
      description: 'The message’s files as new uploads: pass their ids as attachmentIds.',
      resolve: (c) => c.attachments,
    }),
    inlineImages: t.field({
      type: [InlineImageRef],
      description: 'The images the HTML shows as `cid:` (kept as such in `html`), as new uploads: pass them as inlineImages.',
      resolve: (c) => c.inlineImages,
    }),
    archive: t.field({
      type: ArchiveOnSendRef,
      nullable: true,
      description: 'Send and archive as our draft keeps it (Undo send keeps the sent message’s): open the composer with it on.',
      resolve: (c, _args, context) => archiveOnSendOf(c.archive, context),
    }),
  }),
});

builder.mutationField('saveDraft', (t) =>
  t.field({
    type: DraftRef,
    description:
      'Saves a draft (id null: a new one) and queues its copy in the account’s Drafts folder; saves made faster than the server is written collapse to the last.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id(), input: t.arg({ type: ComposeInput, required: true }) },
    resolve: async (_root, { id, input }, context) => {
      const viewer = context.viewer!.user;
      const draft = await saveDraft(
        { db: context.services.database.db, bus: context.services.bus },
        { userId: viewer.id, name: viewer.name, tenantId: context.viewer!.tenant.id },
        id ? String(id) : null,
        {
          accountId: String(input.accountId),
          to: input.to,
          cc: input.cc,
          bcc: input.bcc,
          subject: input.subject,
          text: input.text,
          html: input.html ?? null,
          replyToMessageId: input.replyToMessageId ? String(input.replyToMessageId) : null,
          forwardMessageId: input.forwardMessageId ? String(input.forwardMessageId) : null,
          forwardAsAttachment: input.forwardAsAttachment ?? false,
          attachmentIds: (input.attachmentIds ?? []).map(String),
          inlineImages: (input.inlineImages ?? []).map((i) => ({ uploadId: String(i.uploadId), contentId: i.contentId })),
          archive: toArchiveOnSend(input.archive),
        },
      );
      return (await withCopies(context, [draft]))[0]!;
    },
  }),
);

builder.mutationField('discardDraft', (t) =>
  t.field({
    type: 'Boolean',
    description: 'Deletes the viewer’s draft here at once and its copies in the Drafts folder on the server.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, context) => {
      await discardDraft({ db: context.services.database.db, bus: context.services.bus }, context.viewer!.user.id, String(id));
      return true;
    },
  }),
);

builder.mutationField('draftFromMessage', (t) =>
  t.field({
    type: ComposeDraftContentRef,
    description:
      'Turns one of the viewer’s messages (a draft in Drafts, saved here or by another mail client) into composer fields; its files become new uploads.',
    extensions: authz('signedIn'),
    args: { messageId: t.arg.id({ required: true }) },
    resolve: (_root, { messageId }, context) =>
      draftFromMessage(context.services.database.db, context.viewer!.user.id, String(messageId)),
  }),
);

builder.mutationField('undoSend', (t) =>
  t.field({
    type: DraftRef,
    description:
      'Undo send: takes back a message that still waits in the outbox (else SEND_TOO_LATE) and turns it, in one step, into a saved draft (the draft it was written in, or a new one) with its files, also put in Drafts on the server. Open it with resumeDraft: it survives a reload and opens in any browser.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true, description: 'The outbox message.' }) },
    resolve: async (_root, { id }, context) => {
      const draft = await undoSend(
        { db: context.services.database.db, bus: context.services.bus },
        context.viewer!.user.id,
        String(id),
      );
      return (await withCopies(context, [draft]))[0]!;
    },
  }),
);

builder.mutationField('resumeDraft', (t) =>
  t.field({
    type: ComposeDraftContentRef,
    description:
      'One of the viewer’s saved drafts as composer fields (after undoSend, a reload, another browser); its files become new uploads.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true, description: 'The draft.' }) },
    resolve: (_root, { id }, context) => resumeDraft(context.services.database.db, context.viewer!.user.id, String(id)),
  }),
);

builder.queryField('drafts', (t) =>
  t.field({
    type: [DraftRef],
    description: 'The viewer’s drafts, last saved first (at most 100).',
    extensions: authz('signedIn'),
    resolve: async (_root, _args, context) =>
      withCopies(context, await listDrafts(context.services.database.db, context.viewer!.user.id)),
  }),
);

const DraftChangedRef = builder.objectRef<DraftChanged>('DraftChanged').implement({
  description: 'One of the viewer’s drafts was saved (in another tab or browser) or removed (discarded, or sent).',
  fields: (t) => ({ draftId: t.exposeID('draftId'), removed: t.exposeBoolean('removed') }),
});

builder.subscriptionField('draftsChanged', (t) =>
  t.field({
    type: DraftChangedRef,
    description: 'The viewer’s drafts changed: refetch `drafts`, or close a composer whose draft was removed.',
    extensions: authz('signedIn'),
    subscribe: (_root, _args, context) => context.services.bus.subscribe<DraftChanged>(draftsTopic(context.viewer!.user.id)),
    resolve: (event: DraftChanged) => event,
  }),
);

async function withCopies(context: GraphQLContext, list: Draft[]): Promise<DraftView[]> {
  const copies = await findDraftCopies(context.services.database.db, list);
  return list.map((d) => ({ ...d, copyId: copies.get(d.id) ?? null }));
}
