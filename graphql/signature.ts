import 'server-only';
import { and, eq } from 'drizzle-orm';
import { isUuid } from '../db/is-uuid.ts';
import { mailAccounts } from '../db/schema/index.ts';
import { AppError } from '../lib/errors.ts';
import { authz, builder } from './builder.ts';
import { maxLength } from './input-limits.ts';
import { MailAccountRef } from './mail-account.ts';

/** Characters of signature HTML an account keeps (a signature with a logo link fits many times over). */
export const MAX_SIGNATURE_CHARS = 20_000;

builder.objectFields(MailAccountRef, (t) => ({
  signatureHtml: t.exposeString('signatureHtml', {
    nullable: true,
    description:
      'The HTML signature the composer puts below a `-- ` line in new messages, replies and forwards from this account; null: none.',
  }),
}));

builder.mutationField('setSignature', (t) =>
  t.field({
    type: MailAccountRef,
    description: `Sets the account's HTML signature (at most ${MAX_SIGNATURE_CHARS} characters); null or empty removes it.`,
    extensions: authz('signedIn'),
    args: {
      accountId: t.arg.id({ required: true }),
      html: t.arg.string({ extensions: maxLength(MAX_SIGNATURE_CHARS) }),
    },
    resolve: async (_root, { accountId, html }, context) => {
      const id = String(accountId);
      const value = html?.trim() ? html : null;
      const [row] = isUuid(id)
        ? await context.services.database.db
            .update(mailAccounts)
            .set({ signatureHtml: value, updatedAt: new Date() })
            .where(and(eq(mailAccounts.id, id), eq(mailAccounts.userId, context.viewer!.user.id)))
            .returning()
        : [];
      if (!row) throw new AppError('NOT_FOUND', { field: 'accountId', message: 'No such mail account.' });
      return row;
    },
  }),
);
