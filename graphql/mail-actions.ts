import 'server-only';
import { listMessageSummaries } from '../db/queries/mail-actions.ts';
import type { MailAction } from '../db/schema/index.ts';
import type { MailActionRequest } from '../lib/mail-actions/plan-mail-actions.ts';
import { requestMailActions } from '../lib/mail-actions/request-mail-actions.ts';
import { authz, builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { MAX_ITEMS, maxItems } from './input-limits.ts';
import { MessageSummaryRef } from './message.ts';

const MailActionKind = builder.enumType('MailActionKind', {
  values: [
    'SEEN',
    'UNSEEN',
    'FLAG',
    'UNFLAG',
    'MOVE',
    'DELETE',
    'SPAM',
    'CREATE_FOLDER',
    'RENAME_FOLDER',
    'DELETE_FOLDER',
    'APPEND_SENT',
    'SAVE_DRAFT',
    'DISCARD_DRAFT',
  ] as const,
});
const MailActionState = builder.enumType('MailActionState', {
  values: ['PENDING', 'RUNNING', 'DONE', 'FAILED'] as const,
});

export const MailActionRef = builder.objectRef<MailAction>('MailAction').implement({
  description:
    'A change asked of the mail server, stored first and carried out by the sync (retried after network errors, rolled back and announced as ACTION_FAILED when refused).',
  fields: (t) => ({
    id: t.exposeID('id'),
    accountId: t.exposeID('accountId'),
    kind: t.field({ type: MailActionKind, resolve: (a) => a.kind.toUpperCase() as 'SEEN' }),
    state: t.field({ type: MailActionState, resolve: (a) => a.state.toUpperCase() as 'PENDING' }),
    messageIds: t.exposeIDList('messageIds'),
    targetFolderId: t.exposeID('targetFolderId', {
      nullable: true,
      description:
        'Move, spam, delete to Trash: where to; null for a permanent delete (already in Trash). Rename and delete of a folder: the folder.',
    }),
    folderPath: t.exposeString('folderPath', {
      nullable: true,
      description: 'Create and rename of a folder: its path afterwards (parent path and delimiter included).',
    }),
  }),
});

interface Receipt {
  actions: MailAction[];
  messageIds: string[];
}

const MailActionReceiptRef = builder.objectRef<Receipt>('MailActionReceipt').implement({
  description: 'What a message action changed locally at once; the mail server follows (MailAction.state).',
  fields: (t) => ({
    actions: t.field({ type: [MailActionRef], resolve: (r) => r.actions }),
    messages: t.field({
      type: [MessageSummaryRef],
      description:
        'The messages after the change (seen/flagged updated). Moved, spam and deleted ones are still listed here with their old folder, but gone from folder lists.',
      resolve: (r, _args, context) => listMessageSummaries(context.services.database.db, r.messageIds),
    }),
  }),
});

const request = (context: GraphQLContext, body: MailActionRequest) =>
  requestMailActions({ db: context.services.database.db, bus: context.services.bus }, context.viewer!.user.id, body);

/** The messages an action names: at most MAX_ITEMS.actionMessages (checked before anything else). */
const boundedIds = { required: true, extensions: { ...maxItems(MAX_ITEMS.actionMessages) } } as const;

builder.mutationField('markMessages', (t) =>
  t.field({
    type: MailActionReceiptRef,
    description: 'Marks messages read (seen: true) or unread, here at once and then on the mail server.',
    extensions: authz('signedIn'),
    args: { ids: t.arg.idList(boundedIds), seen: t.arg.boolean({ required: true }) },
    resolve: (_root, { ids, seen }, context) => request(context, { type: 'mark', messageIds: ids.map(String), seen }),
  }),
);

builder.mutationField('flagMessages', (t) =>
  t.field({
    type: MailActionReceiptRef,
    description: 'Flags (flagged: true) or unflags messages.',
    extensions: authz('signedIn'),
    args: { ids: t.arg.idList(boundedIds), flagged: t.arg.boolean({ required: true }) },
    resolve: (_root, { ids, flagged }, context) => request(context, { type: 'flag', messageIds: ids.map(String), flagged }),
  }),
);

builder.mutationField('moveMessages', (t) =>
  t.field({
    type: MailActionReceiptRef,
    description: 'Moves messages to another folder of their own mailbox.',
    extensions: authz('signedIn'),
    args: { ids: t.arg.idList(boundedIds), folderId: t.arg.id({ required: true }) },
    resolve: (_root, { ids, folderId }, context) =>
      request(context, { type: 'move', messageIds: ids.map(String), folderId: String(folderId) }),
  }),
);

builder.mutationField('deleteMessages', (t) =>
  t.field({
    type: MailActionReceiptRef,
    description: 'Moves messages to Trash; those already in Trash are deleted for good.',
    extensions: authz('signedIn'),
    args: { ids: t.arg.idList(boundedIds) },
    resolve: (_root, { ids }, context) => request(context, { type: 'delete', messageIds: ids.map(String) }),
  }),
);

builder.mutationField('markSpam', (t) =>
  t.field({
    type: MailActionReceiptRef,
    description: 'Moves messages to Junk.',
    extensions: authz('signedIn'),
    args: { ids: t.arg.idList(boundedIds) },
    resolve: (_root, { ids }, context) => request(context, { type: 'spam', messageIds: ids.map(String) }),
  }),
);
