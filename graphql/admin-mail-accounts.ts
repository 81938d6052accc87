import 'server-only';
import { listFolders } from '../db/queries/mail-accounts.ts';
import { messageStoreState, type MessageStoreState } from '../db/queries/message-extraction.ts';
import { EXTRACT_VERSION } from '../lib/message-store/extract-version.ts';
import { folderCounts, listTenantMailAccounts } from '../db/queries/message-list.ts';
import type { MailAccount } from '../db/schema/index.ts';
import { authz, builder } from './builder.ts';

type AdminAccount = MailAccount & { ownerEmail: string };

const FolderCompleteness = builder
  .objectRef<{ path: string; serverCount: number | null; storedCount: number; lastSyncedAt: Date | null }>('FolderCompleteness')
  .implement({
    description: 'Messages on the server within the window (at the last check) versus stored.',
    fields: (t) => ({
      path: t.exposeString('path'),
      serverCount: t.exposeInt('serverCount', { nullable: true }),
      storedCount: t.exposeInt('storedCount'),
      lastSyncedAt: t.expose('lastSyncedAt', { type: 'DateTime', nullable: true }),
    }),
  });

const MessageStore = builder.objectRef<MessageStoreState>('MessageStoreState').implement({
  description:
    'Where the account’s stored messages stand: sources fetched (fully imported), still to fetch, failed; and indexed (snippet, bodies, attachments, search).',
  fields: (t) => ({
    messages: t.exposeInt('messages'),
    sourcesStored: t.exposeInt('sourcesStored'),
    sourcesPending: t.exposeInt('sourcesPending'),
    sourcesFailed: t.exposeInt('sourcesFailed', { description: 'The server did not deliver them, or they could not be stored.' }),
    indexed: t.exposeInt('indexed', {
      description: 'Extracted by the current extractor: snippet, bodies, attachment index, searchable.',
    }),
  }),
});

const AdminMailAccountRef = builder.objectRef<AdminAccount>('AdminMailAccount').implement({
  description: 'A mail account as the admin console shows it: whose, sync state, errors, completeness. No secrets.',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    ownerEmail: t.exposeString('ownerEmail'),
    status: t.exposeString('status', { description: 'connected | reconnect_required | error' }),
    syncState: t.exposeString('syncState'),
    lastSyncedAt: t.expose('lastSyncedAt', { type: 'DateTime', nullable: true }),
    lastErrorCode: t.exposeString('lastErrorCode', { nullable: true }),
    lastErrorMessage: t.exposeString('lastErrorMessage', { nullable: true }),
    store: t.field({
      type: MessageStore,
      resolve: (a, _args, { services }) => messageStoreState(services.database.db, a.id, EXTRACT_VERSION),
    }),
    folders: t.field({
      type: [FolderCompleteness],
      resolve: async (a, _args, { services }) => {
        const [folders, counts] = await Promise.all([
          listFolders(services.database.db, a.id),
          folderCounts(services.database.db, a.id),
        ]);
        return folders.map((f) => ({
          path: f.path,
          serverCount: f.serverCount,
          storedCount: counts.get(f.id)?.total ?? 0,
          lastSyncedAt: f.lastSyncedAt,
        }));
      },
    }),
  }),
});

builder.queryField('adminMailAccounts', (t) =>
  t.field({
    type: [AdminMailAccountRef],
    description: 'Every mail account of the viewer’s tenant with its sync state and completeness (admins only).',
    extensions: authz('admin'),
    resolve: (_root, _args, { services, viewer }) => listTenantMailAccounts(services.database.db, viewer!.tenant.id),
  }),
);
