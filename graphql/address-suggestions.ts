import 'server-only';
import { suggestAddresses, type AddressSuggestion } from '../db/queries/address-suggestions.ts';
import { AppError } from '../lib/errors.ts';
import { authz, builder } from './builder.ts';
import { maxLength } from './input-limits.ts';

/** Longest prefix looked up: an address is at most 320 characters, a prefix needs far fewer. @default 100 */
const MAX_QUERY_LENGTH = 100;
/** Most suggestions in one answer. @default 20 */
const MAX_SUGGESTIONS = 20;

const AddressSuggestionRef = builder.objectRef<AddressSuggestion>('AddressSuggestion').implement({
  description:
    'Someone the viewer has mail with (a sender of received mail, a recipient of sent mail), or a CRM person of the viewer’s organisation.',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true }),
    address: t.exposeString('address'),
  }),
});

builder.queryField('addressSuggestions', (t) =>
  t.field({
    type: [AddressSuggestionRef],
    description:
      'The viewer’s correspondents whose address or name starts with `query` (case-insensitive), most frequent and most recent first, then CRM persons of the organisation by name; each address once; `first` at most 20.',
    extensions: authz('signedIn'),
    args: {
      query: t.arg.string({ required: true, extensions: maxLength(MAX_QUERY_LENGTH) }),
      first: t.arg.int({ defaultValue: 8 }),
    },
    resolve: (_root, { query, first: asked }, context) => {
      const first = asked ?? 8;
      if (first < 1 || first > MAX_SUGGESTIONS)
        throw new AppError('BAD_USER_INPUT', { field: 'first', message: `first must be 1–${MAX_SUGGESTIONS}.` });
      const prefix = query.trim();
      if (!prefix) return [];
      return suggestAddresses(
        context.services.database.db,
        { userId: context.viewer!.user.id, tenantId: context.viewer!.tenant.id },
        prefix,
        first,
      );
    },
  }),
);
