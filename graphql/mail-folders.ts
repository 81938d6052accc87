import 'server-only';
import type { FolderActionRequest } from '../lib/mail-folders/plan-folder-action.ts';
import { requestFolderAction } from '../lib/mail-folders/request-folder-action.ts';
import { authz, builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { MAX_LENGTH, maxLength } from './input-limits.ts';
import { MailActionRef } from './mail-actions.ts';

const request = (context: GraphQLContext, body: FolderActionRequest) =>
  requestFolderAction({ db: context.services.database.db, bus: context.services.bus }, context.viewer!.user.id, body);

const folderName = { required: true, extensions: { ...maxLength(MAX_LENGTH.folderName) } } as const;

const LATER =
  'Stored and carried out by the sync on the mail server within moments (FOLDERS_CHANGED on mailboxChanged); a refusal is announced as ACTION_FAILED.';

builder.mutationField('createFolder', (t) =>
  t.field({
    type: MailActionRef,
    description: `Creates a folder in one of the viewer's mailboxes, at the top or under parentId. ${LATER}`,
    extensions: authz('signedIn'),
    args: { accountId: t.arg.id({ required: true }), name: t.arg.string(folderName), parentId: t.arg.id() },
    resolve: (_root, { accountId, name, parentId }, context) =>
      request(context, { type: 'create', accountId: String(accountId), name, parentId: parentId ? String(parentId) : null }),
  }),
);

builder.mutationField('renameFolder', (t) =>
  t.field({
    type: MailActionRef,
    description: `Renames a folder within its parent (its subfolders follow). Not INBOX or a special-use folder. ${LATER}`,
    extensions: authz('signedIn'),
    args: { folderId: t.arg.id({ required: true }), name: t.arg.string(folderName) },
    resolve: (_root, { folderId, name }, context) => request(context, { type: 'rename', folderId: String(folderId), name }),
  }),
);

builder.mutationField('deleteFolder', (t) =>
  t.field({
    type: MailActionRef,
    description: `Deletes an empty folder without subfolders (move or delete its messages first). Not INBOX or a special-use folder. ${LATER}`,
    extensions: authz('signedIn'),
    args: { folderId: t.arg.id({ required: true }) },
    resolve: (_root, { folderId }, context) => request(context, { type: 'delete', folderId: String(folderId) }),
  }),
);
