import 'server-only';
import { findUserMailAccount } from '../db/queries/mail-accounts.ts';
import { findFolder, listFolderMessages, type MessageSummary } from '../db/queries/message-list.ts';
import type { MailAddress } from '../db/schema/index.ts';
import { AppError } from '../lib/errors.ts';
import { startingWith } from '../lib/events/starting-with.ts';
import { mailboxTopic, syncProgressTopic, type MailboxEvent, type SyncProgressEvent } from '../lib/sync/sync-events.ts';
import { authz, builder } from './builder.ts';
import { MAX_LENGTH, maxLength } from './input-limits.ts';
import type { GraphQLContext } from './context.ts';

export const MailAddressRef = builder.objectRef<MailAddress>('MailAddress').implement({
  fields: (t) => ({ name: t.exposeString('name'), address: t.exposeString('address') }),
});

export const MessageSummaryRef = builder.objectRef<MessageSummary>('MessageSummary').implement({
  description: 'A message as the list shows it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    folderId: t.exposeID('folderId'),
    subject: t.exposeString('subject'),
    from: t.field({ type: [MailAddressRef], resolve: (m) => m.from }),
    to: t.field({ type: [MailAddressRef], resolve: (m) => m.to }),
    receivedAt: t.expose('internalDate', { type: 'DateTime', description: 'INTERNALDATE: when the server received it.' }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    snippet: t.exposeString('snippet'),
    seen: t.exposeBoolean('seen'),
    flagged: t.exposeBoolean('flagged'),
    hasAttachments: t.exposeBoolean('hasAttachments'),
    size: t.exposeInt('size'),
    parseError: t.exposeString('parseError', { nullable: true, description: 'Set when the MIME could not be fully read.' }),
  }),
});

const MessagePage = builder.objectRef<{ nodes: MessageSummary[]; hasMore: boolean }>('MessagePage').implement({
  fields: (t) => ({
    nodes: t.field({ type: [MessageSummaryRef], resolve: (p) => p.nodes }),
    hasMore: t.exposeBoolean('hasMore'),
    endCursor: t.string({ nullable: true, resolve: (p) => (p.nodes.length ? encodeCursor(p.nodes[p.nodes.length - 1]!) : null) }),
  }),
});

builder.queryField('messages', (t) =>
  t.field({
    type: MessagePage,
    description: 'A folder’s messages, newest first.',
    extensions: authz('signedIn'),
    args: {
      folderId: t.arg.id({ required: true }),
      first: t.arg.int({ defaultValue: 50 }),
      after: t.arg.string({ extensions: maxLength(MAX_LENGTH.cursor) }),
    },
    resolve: async (_root, { folderId, first, after }, context) => {
      const folder = await findFolder(context.services.database.db, String(folderId));
      if (!folder) throw new AppError('NOT_FOUND', { message: 'No such folder.' });
      await ownAccount(context, folder.accountId);
      const limit = Math.min(Math.max(first ?? 50, 1), 200);
      const rows = await listFolderMessages(
        context.services.database.db,
        folder.id,
        limit + 1,
        after ? decodeCursor(after) : undefined,
      );
      return { nodes: rows.slice(0, limit), hasMore: rows.length > limit };
    },
  }),
);

const MailboxEventKind = builder.enumType('MailboxEventKind', {
  values: ['MESSAGES_ADDED', 'MESSAGES_UPDATED', 'MESSAGES_REMOVED', 'FOLDERS_CHANGED', 'ACTION_FAILED'] as const,
});

const FailedMailAction = builder.objectRef<NonNullable<MailboxEvent['action']>>('FailedMailAction').implement({
  description: 'An action the mail server refused for good; its change was rolled back.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: 'seen, unseen, flag, unflag, move, delete or spam.' }),
    errorCode: t.exposeString('errorCode'),
    errorMessage: t.exposeString('errorMessage'),
    errorRole: t.exposeString('errorRole', {
      nullable: true,
      description: 'MAIL_FOLDER_MISSING: the missing folder (Sent, Drafts, Junk or Trash).',
    }),
  }),
});

const FolderCounts = builder.objectRef<{ total: number; unread: number }>('FolderCounts').implement({
  fields: (t) => ({ total: t.exposeInt('total'), unread: t.exposeInt('unread') }),
});

const MailboxEventRef = builder.objectRef<MailboxEvent>('MailboxEvent').implement({
  fields: (t) => ({
    accountId: t.exposeID('accountId'),
    kind: t.field({ type: MailboxEventKind, resolve: (e) => e.kind }),
    folderId: t.exposeID('folderId', { nullable: true }),
    messageIds: t.exposeIDList('messageIds'),
    counts: t.field({ type: FolderCounts, nullable: true, resolve: (e) => e.counts }),
    action: t.field({
      type: FailedMailAction,
      nullable: true,
      description: 'On ACTION_FAILED: which action and why; `messageIds` are the rows rolled back.',
      resolve: (e) => e.action ?? null,
    }),
  }),
});

const SyncPhase = builder.enumType('SyncPhase', {
  values: ['CONNECTING', 'IMPORTING', 'BACKFILLING', 'INDEXING', 'LIVE', 'ERROR'] as const,
});

export const SyncProgressRef = builder.objectRef<SyncProgressEvent>('SyncProgress').implement({
  fields: (t) => ({
    accountId: t.exposeID('accountId'),
    phase: t.field({ type: SyncPhase, resolve: (e) => e.phase.toUpperCase() as 'LIVE' }),
    folderId: t.exposeID('folderId', { nullable: true }),
    path: t.exposeString('path', { nullable: true }),
    done: t.exposeInt('done'),
    total: t.exposeInt('total'),
    overallDone: t.exposeInt('overallDone'),
    overallTotal: t.exposeInt('overallTotal'),
    errorCode: t.exposeString('errorCode', { nullable: true }),
    errorMessage: t.exposeString('errorMessage', { nullable: true }),
  }),
});

builder.subscriptionField('mailboxChanged', (t) =>
  t.field({
    type: MailboxEventRef,
    description: 'Messages added, updated or removed, and folder changes, in one of the viewer’s accounts.',
    extensions: authz('signedIn'),
    args: { accountId: t.arg.id({ required: true }) },
    subscribe: async (_root, { accountId }, context) => {
      await ownAccount(context, String(accountId));
      return context.services.bus.subscribe<MailboxEvent>(mailboxTopic(String(accountId)));
    },
    resolve: (event: MailboxEvent) => event,
  }),
);

builder.subscriptionField('syncProgress', (t) =>
  t.field({
    type: SyncProgressRef,
    description: 'Import and sync progress of one of the viewer’s accounts: phase, done / total per folder.',
    extensions: authz('signedIn'),
    args: { accountId: t.arg.id({ required: true }) },
    subscribe: async (_root, { accountId }, context) => {
      await ownAccount(context, String(accountId));
      const events = context.services.bus.subscribe<SyncProgressEvent>(syncProgressTopic(String(accountId)));
      // Subscribed first, then the snapshot: a client that arrives mid-import sees where it stands
      // at once instead of at the next change (null when another process syncs the account).
      return startingWith(context.services.sync?.status(String(accountId)), events);
    },
    resolve: (event: SyncProgressEvent) => event,
  }),
);

/** Every message and event lookup goes through the account's owner: another user's id is NOT_FOUND. */
async function ownAccount(context: GraphQLContext, accountId: string) {
  const account = await findUserMailAccount(context.services.database.db, context.viewer!.user.id, accountId);
  if (!account) throw new AppError('NOT_FOUND', { message: 'No such mail account.' });
  return account;
}

export function encodeCursor(m: MessageSummary): string {
  return Buffer.from(`${m.internalDate.toISOString()}|${m.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { internalDate: Date; id: string } {
  const [date, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const internalDate = new Date(date ?? '');
  if (!id || Number.isNaN(internalDate.getTime()))
    throw new AppError('BAD_USER_INPUT', { field: 'after', message: 'Invalid cursor.' });
  return { internalDate, id };
}
