import 'server-only';
import {
  cancelQueuedMessage,
  deleteOutboxMessage,
  findOutboxMessage,
  listOutbox,
  requeueOutboxMessage,
} from '../db/queries/outbox.ts';
import type { OutboxMessage } from '../db/schema/index.ts';
import { AppError } from '../lib/errors.ts';
import { OUTBOX_WAKE_TOPIC, outboxTopic, type OutboxChanged } from '../lib/outbox/outbox-events.ts';
import { MAX_UNDO_SECONDS } from '../lib/outbox/outbox-limits.ts';
import { queueMessage } from '../lib/outbox/queue-message.ts';
import { ArchiveOnSendInput, toArchiveOnSend } from './archive-on-send.ts';
import { authz, builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { MAX_LENGTH, maxItems, maxLength } from './input-limits.ts';

/** Composer bounds: a GraphQL request is at most 1 MiB, so bodies stay well inside it (images go as uploads). */
const COMPOSE_LIMITS = {
  address: 320,
  recipients: 500,
  subject: 998,
  text: 256_000,
  html: 512_000,
  attachments: 100,
  inlineImages: 50,
  contentId: 130,
} as const;

const InlineImageInput = builder.inputType('InlineImageInput', {
  description: 'An upload the HTML shows as `<img src="cid:<contentId>">`: sent as a related part (PNG, JPEG, GIF or WebP only).',
  fields: (t) => ({
    uploadId: t.id({ required: true }),
    contentId: t.string({
      required: true,
      description: 'local@domain without angle brackets, as the HTML names it after `cid:`.',
      extensions: maxLength(COMPOSE_LIMITS.contentId),
    }),
  }),
});

const OutboxState = builder.enumType('OutboxState', {
  values: ['QUEUED', 'SENDING', 'SENT', 'FAILED', 'UNCERTAIN', 'CANCELLED'] as const,
  description:
    'QUEUED: waiting for its time (undo delay, schedule, retry). SENDING: with the SMTP server now. SENT: accepted. FAILED: refused for good (errorMessage has the server’s words) — edit and send again. UNCERTAIN: the connection broke as the server received it; it may have been sent. CANCELLED: undone before it went.',
});

export const OutboxMessageRef = builder.objectRef<OutboxMessage>('OutboxMessage').implement({
  description: 'A message being sent, or sent lately, from one of the viewer’s accounts (issue 11: the outbox).',
  fields: (t) => ({
    id: t.exposeID('id'),
    accountId: t.exposeID('accountId'),
    state: t.field({ type: OutboxState, resolve: (m) => m.state.toUpperCase() as 'QUEUED' }),
    messageId: t.exposeString('messageId', { description: 'The Message-ID header, fixed when queued.' }),
    subject: t.string({ resolve: (m) => m.draft.subject }),
    to: t.stringList({ resolve: (m) => m.draft.to }),
    cc: t.stringList({ resolve: (m) => m.draft.cc }),
    bcc: t.stringList({ resolve: (m) => m.draft.bcc }),
    text: t.string({ resolve: (m) => m.draft.text }),
    html: t.string({ nullable: true, resolve: (m) => m.draft.html }),
    sendAt: t.field({ type: 'DateTime', resolve: (m) => m.sendAt }),
    sentAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.sentAt }),
    nextAttemptAt: t.field({
      type: 'DateTime',
      description: 'When a QUEUED message is tried next: after a transient failure (errorCode SEND_RETRYING), the backoff’s end.',
      resolve: (m) => m.nextAttemptAt,
    }),
    attempts: t.exposeInt('attempts'),
    errorCode: t.exposeString('lastErrorCode', { nullable: true }),
    errorMessage: t.exposeString('lastError', {
      nullable: true,
      description: 'For FAILED and retries: the SMTP server’s own reply, as it said it.',
    }),
    rejectedRecipients: t.exposeStringList('rejectedRecipients', {
      description: 'Recipients the server refused while it accepted the message for the others.',
    }),
  }),
});

const address = { required: true, extensions: { ...maxItems(COMPOSE_LIMITS.recipients, COMPOSE_LIMITS.address) } } as const;
export const ComposeInput = builder.inputType('ComposeInput', {
  fields: (t) => ({
    accountId: t.id({ required: true, description: 'The From account: one of the viewer’s.' }),
    to: t.stringList({ ...address, description: '"Ann Smit <ann@example.nl>" or bare addresses; lists are split.' }),
    cc: t.stringList(address),
    bcc: t.stringList(address),
    subject: t.string({ required: true, extensions: maxLength(COMPOSE_LIMITS.subject) }),
    text: t.string({
      required: true,
      description: 'The plain-text body (alternative part).',
      extensions: maxLength(COMPOSE_LIMITS.text),
    }),
    html: t.string({ description: 'The rich body; null for plain text only.', extensions: maxLength(COMPOSE_LIMITS.html) }),
    replyToMessageId: t.id({ description: 'The message answered: In-Reply-To and References are taken from it.' }),
    forwardMessageId: t.id({ description: 'The message forwarded: its attachments go along (or itself, as .eml).' }),
    forwardAsAttachment: t.boolean({ description: 'Attach the forwarded message as a whole (.eml) instead of its files.' }),
    attachmentIds: t.idList({
      description: 'Files uploaded with POST /api/uploads, in order; taken over (and removed from uploads) when queued.',
      extensions: { ...maxItems(COMPOSE_LIMITS.attachments) },
    }),
    inlineImages: t.field({
      type: [InlineImageInput],
      description: 'Uploaded images the HTML names as `cid:`, sent inline (multipart/related) rather than as attachments.',
      extensions: { ...maxItems(COMPOSE_LIMITS.inlineImages) },
    }),
    draftId: t.id({ description: 'The draft this was composed in: removed (here and in Drafts) once the message is sent.' }),
    archive: t.field({
      type: ArchiveOnSendInput,
      description: 'Send and archive: where to archive it once sent. saveDraft keeps it with the draft (checked alike).',
    }),
  }),
});

builder.mutationField('sendMessage', (t) =>
  t.field({
    type: OutboxMessageRef,
    description:
      'Queues a message in the outbox. It is sent once `sendAt` (scheduled send) or `undoSeconds` (0–30, the undo delay) has passed; until then cancelSend takes it back. Sent at most once, retried after transient failures.',
    extensions: authz('signedIn'),
    args: {
      input: t.arg({ type: ComposeInput, required: true }),
      sendAt: t.arg({ type: 'DateTime', extensions: maxLength(MAX_LENGTH.cursor) }),
      undoSeconds: t.arg.int(),
    },
    resolve: (_root, { input, sendAt, undoSeconds }, context) => {
      if (undoSeconds != null && (undoSeconds < 0 || undoSeconds > MAX_UNDO_SECONDS))
        throw new AppError('BAD_USER_INPUT', { field: 'undoSeconds', message: `undoSeconds must be 0–${MAX_UNDO_SECONDS}.` });
      const viewer = context.viewer!.user;
      return queueMessage(
        { db: context.services.database.db, bus: context.services.bus },
        { userId: viewer.id, name: viewer.name, tenantId: context.viewer!.tenant.id },
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
          draftId: input.draftId ? String(input.draftId) : null,
          archive: toArchiveOnSend(input.archive),
        },
        { sendAt: sendAt ?? null, undoSeconds: undoSeconds ?? null },
      );
    },
  }),
);

// Two names for one action: `cancelSend` (Undo) and `cancelScheduledSend`, as issue 11 names it.
for (const [name, description] of [
  ['cancelSend', 'Undo send, or cancel a scheduled send: only while the message is still QUEUED (else SEND_TOO_LATE).'],
  ['cancelScheduledSend', 'The same as cancelSend, by the name integrators look for: takes a QUEUED message back.'],
] as const)
  builder.mutationField(name, (t) =>
    t.field({
      type: OutboxMessageRef,
      description,
      extensions: authz('signedIn'),
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root, { id }, context) => {
        const row = await cancelQueuedMessage(context.services.database.db, context.viewer!.user.id, String(id));
        if (!row) throw tooLateOrMissing(await ownOutboxMessage(context, String(id)));
        await announce(context, row);
        return row;
      },
    }),
  );

builder.mutationField('retrySend', (t) =>
  t.field({
    type: OutboxMessageRef,
    description:
      'Sends a FAILED or UNCERTAIN message again, now (for UNCERTAIN: the person decided it was not sent), or tries a QUEUED one waiting after a transient failure (errorCode SEND_RETRYING) now instead of at nextAttemptAt.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, context) => {
      const row = await requeueOutboxMessage(context.services.database.db, context.viewer!.user.id, String(id));
      if (!row) {
        await ownOutboxMessage(context, String(id));
        throw new AppError('BAD_USER_INPUT', {
          field: 'id',
          message: 'Only a failed, uncertain or retrying message can be sent again.',
        });
      }
      await context.services.bus.publish(OUTBOX_WAKE_TOPIC, { outboxId: row.id }).catch(() => {});
      await announce(context, row);
      return row;
    },
  }),
);

builder.mutationField('discardOutboxMessage', (t) =>
  t.field({
    type: 'Boolean',
    description: 'Removes a message from the outbox that is not queued or being sent (failed, uncertain, cancelled or sent).',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, context) => {
      const row = await ownOutboxMessage(context, String(id));
      if (row.state === 'queued' || row.state === 'sending') throw new AppError('SEND_TOO_LATE', { field: 'id' });
      await deleteOutboxMessage(context.services.database.db, context.viewer!.user.id, row.id);
      await announce(context, { ...row, state: 'cancelled' });
      return true;
    },
  }),
);

builder.queryField('outbox', (t) =>
  t.field({
    type: [OutboxMessageRef],
    description:
      'The viewer’s outbox, newest first (at most 100): queued, sending, failed, uncertain and recently sent messages.',
    extensions: authz('signedIn'),
    resolve: (_root, _args, context) => listOutbox(context.services.database.db, context.viewer!.user.id),
  }),
);

builder.subscriptionField('outboxChanged', (t) =>
  t.field({
    type: OutboxMessageRef,
    nullable: true,
    description: 'A message of the viewer’s outbox changed state (null: it was removed).',
    extensions: authz('signedIn'),
    subscribe: (_root, _args, context) => context.services.bus.subscribe<OutboxChanged>(outboxTopic(context.viewer!.user.id)),
    resolve: (event: OutboxChanged, _args, context) => findOutboxMessage(context.services.database.db, event.outboxId),
  }),
);

async function ownOutboxMessage(context: GraphQLContext, id: string): Promise<OutboxMessage> {
  const row = await findOutboxMessage(context.services.database.db, id);
  if (!row || row.userId !== context.viewer!.user.id)
    throw new AppError('NOT_FOUND', { field: 'id', message: 'No such outbox message.' });
  return row;
}

function tooLateOrMissing(row: OutboxMessage): AppError {
  return row.state === 'cancelled'
    ? new AppError('BAD_USER_INPUT', { field: 'id', message: 'This message was already cancelled.' })
    : new AppError('SEND_TOO_LATE', { field: 'id' });
}

async function announce(context: GraphQLContext, row: OutboxMessage): Promise<void> {
  await context.services.bus
    .publish<OutboxChanged>(outboxTopic(row.userId), { outboxId: row.id, state: row.state })
    .catch(() => {});
}
