import 'server-only';
import { and, eq } from 'drizzle-orm';
import { mailAccounts } from '../db/schema/index.ts';
import { isUuid } from '../db/is-uuid.ts';
import { filesSentMail } from '../lib/drafts/files-sent-mail.ts';
import { AppError } from '../lib/errors.ts';
import { authz, builder } from './builder.ts';
import { MailAccountRef } from './mail-account.ts';

builder.objectFields(MailAccountRef, (t) => ({
  filesSentMail: t.boolean({
    description:
      'Whether the mail server files what is sent through it in Sent by itself (Gmail, Microsoft 365): then no copy is appended after sending. The account’s own setting, else the provider’s default.',
    resolve: (a) => filesSentMail(a),
  }),
  filesSentMailSetting: t.boolean({
    nullable: true,
    description: 'The account’s own setting for filesSentMail; null = as known for the provider.',
    resolve: (a) => a.filesSentMail,
  }),
}));

builder.mutationField('setFilesSentMail', (t) =>
  t.field({
    type: MailAccountRef,
    description:
      'Overrides whether the server files sent mail itself (true: no copy appended to Sent; false: always appended); null goes back to the provider’s default.',
    extensions: authz('signedIn'),
    args: { accountId: t.arg.id({ required: true }), filesSentMail: t.arg.boolean() },
    resolve: async (_root, { accountId, filesSentMail: value }, context) => {
      const id = String(accountId);
      const [row] = isUuid(id)
        ? await context.services.database.db
            .update(mailAccounts)
            .set({ filesSentMail: value ?? null, updatedAt: new Date() })
            .where(and(eq(mailAccounts.id, id), eq(mailAccounts.userId, context.viewer!.user.id)))
            .returning()
        : [];
      if (!row) throw new AppError('NOT_FOUND', { field: 'accountId', message: 'No such mail account.' });
      return row;
    },
  }),
);
