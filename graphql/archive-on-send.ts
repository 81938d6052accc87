import 'server-only';
import type { OutboxArchive } from '../db/schema/index.ts';
import { namedArchiveIntent, type ArchiveOnSend, type NamedArchiveOnSend } from '../lib/archive/archive-on-send.ts';
import { MAX_ARCHIVE_TARGETS, MAX_CATEGORY_LENGTH } from '../lib/archive/archive-target.ts';
import { suggestTargetsForAddresses } from '../lib/archive/suggest-archive-targets.ts';
import { ArchiveSuggestionRef } from './archive.ts';
import { archiveViewer, ArchiveTargetInput, ArchiveTargetRef, ArchiveVisibilityEnum, toTarget } from './archive-types.ts';
import { authz, builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { maxItems, maxLength } from './input-limits.ts';

/** ComposeInput.archive: "Send and archive" (issue 12). */
export const ArchiveOnSendInput = builder.inputType('ArchiveOnSendInput', {
  description:
    'Archive the message once the mail server accepted it: the bytes sent (the .eml) linked to these CRM rows. The targets are checked before the message is queued.',
  fields: (t) => ({
    targets: t.field({ type: [ArchiveTargetInput], required: true, extensions: { ...maxItems(MAX_ARCHIVE_TARGETS) } }),
    category: t.string({
      description: 'Free text, e.g. "Quote"; at most 100 characters.',
      extensions: maxLength(MAX_CATEGORY_LENGTH),
    }),
    visibility: t.field({ type: ArchiveVisibilityEnum, defaultValue: 'tenant' }),
  }),
});

/** The input as the core takes it. */
export function toArchiveOnSend(input: typeof ArchiveOnSendInput.$inferInput | null | undefined): ArchiveOnSend | null {
  if (!input) return null;
  return { targets: input.targets.map(toTarget), category: input.category ?? null, visibility: input.visibility ?? 'tenant' };
}

/** A draft's or outbox message's Send-and-archive intent, as the composer reopens it. */
export const ArchiveOnSendRef = builder.objectRef<NamedArchiveOnSend>('ArchiveOnSend').implement({
  description:
    'Send and archive as kept with a draft or an outbox message: pass it back as ComposeInput.archive. Targets deleted since are left out.',
  fields: (t) => ({
    targets: t.field({ type: [ArchiveTargetRef], resolve: (a) => a.targets }),
    category: t.exposeString('category', { nullable: true }),
    visibility: t.field({ type: ArchiveVisibilityEnum, resolve: (a) => a.visibility }),
  }),
});

/** The `archive` field of Draft, ComposeDraftContent and OutboxEdit: null when none of its targets is left. */
export function archiveOnSendOf(intent: OutboxArchive | null, context: GraphQLContext): Promise<NamedArchiveOnSend | null> {
  return namedArchiveIntent(context.services.database.db, context.viewer!.tenant.id, intent);
}

/** Recipients looked at for suggestions: the first ones matter, a mailing to hundreds needs no guess. @default 50 */
const MAX_SUGGEST_ADDRESSES = 50;

builder.queryField('archiveSuggestionsForAddresses', (t) =>
  t.field({
    type: [ArchiveSuggestionRef],
    description:
      'What "Send and archive" pre-selects for a message being written: persons by the recipients’ addresses, their companies, ' +
      'then companies by domain (as archiveSuggestions); the viewer’s own addresses and domains left out.',
    extensions: authz('signedIn'),
    args: {
      addresses: t.arg.stringList({ required: true, extensions: { ...maxItems(MAX_SUGGEST_ADDRESSES, 320) } }),
    },
    resolve: (_root, { addresses }, context) =>
      suggestTargetsForAddresses(context.services.database.db, archiveViewer(context.viewer!), addresses),
  }),
);
