import 'server-only';
import { listOutboxAttachmentInfo, type OutboxAttachmentInfo } from '../db/queries/outbox.ts';
import { editOutboxMessage, type OutboxEdit } from '../lib/outbox/edit-outbox-message.ts';
import { ArchiveOnSendRef, archiveOnSendOf } from './archive-on-send.ts';
import { authz, builder } from './builder.ts';
import { UploadRef } from './drafts.ts';
import { OutboxMessageRef } from './outbox.ts';

const OutboxAttachmentRef = builder.objectRef<OutboxAttachmentInfo>('OutboxAttachment').implement({
  description: 'A file going out with an outbox message (a forward’s carried files included).',
  fields: (t) => ({
    filename: t.exposeString('filename'),
    contentType: t.exposeString('contentType'),
    size: t.exposeInt('size', { description: 'Bytes.' }),
  }),
});

builder.objectFields(OutboxMessageRef, (t) => ({
  attachments: t.field({
    type: [OutboxAttachmentRef],
    description: 'The files, in order (to carry them into the composer: editOutboxMessage).',
    resolve: (m, _args, context) => listOutboxAttachmentInfo(context.services.database.db, m.id),
  }),
  replyToMessageId: t.id({
    nullable: true,
    description: 'The stored message this answers, if any (null as well for messages queued before it was kept).',
    resolve: (m) => m.draft.replyToMessageId ?? null,
  }),
  inReplyTo: t.string({
    nullable: true,
    description: 'The In-Reply-To header (RFC 5322 §3.6.4), angle brackets included.',
    resolve: (m) => m.draft.inReplyTo,
  }),
}));

const OutboxEditRef = builder.objectRef<OutboxEdit>('OutboxEdit').implement({
  description: 'An outbox message as the composer takes it up again (editOutboxMessage).',
  fields: (t) => ({
    outboxId: t.exposeID('outboxId', { description: 'Discard it once the edited message is accepted.' }),
    accountId: t.exposeID('accountId'),
    to: t.exposeStringList('to'),
    cc: t.exposeStringList('cc'),
    bcc: t.exposeStringList('bcc'),
    subject: t.exposeString('subject'),
    text: t.exposeString('text'),
    html: t.exposeString('html', { nullable: true }),
    replyToMessageId: t.exposeID('replyToMessageId', {
      nullable: true,
      description: 'Pass it to sendMessage: the edit stays in the thread.',
    }),
    inReplyTo: t.exposeString('inReplyTo', { nullable: true }),
    attachments: t.field({
      type: [UploadRef],
      description: 'The message’s files as new uploads: pass their ids as attachmentIds.',
      resolve: (e) => e.attachments,
    }),
    archive: t.field({
      type: ArchiveOnSendRef,
      nullable: true,
      description: 'Send and archive as the message had it: the composer opens with it on (null: send only).',
      resolve: (e, _args, context) => archiveOnSendOf(e.archive, context),
    }),
  }),
});

builder.mutationField('editOutboxMessage', (t) =>
  t.field({
    type: OutboxEditRef,
    description:
      'Takes a failed, uncertain, cancelled or sent message of the outbox up again in the composer: its fields, its thread and its files as new uploads. Not while it is queued or being sent (SEND_TOO_LATE).',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => editOutboxMessage(context.services.database.db, context.viewer!.user.id, String(id)),
  }),
);
