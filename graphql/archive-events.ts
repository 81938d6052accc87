import 'server-only';
import { archiveEventConcerns, archiveTopic, type ArchiveChanged } from '../lib/archive/archive-events.ts';
import type { ArchiveTarget } from '../lib/archive/archive-target.ts';
import { ArchiveTargetInput, ArchiveTargetKindEnum, toTarget } from './archive-types.ts';
import { authz, builder } from './builder.ts';

const ArchiveChangeEnum = builder.enumType('ArchiveChange', {
  values: { ARCHIVED: { value: 'archived' }, UNARCHIVED: { value: 'unarchived' } } as const,
});

const ArchiveTargetIdRef = builder.objectRef<ArchiveTarget>('ArchiveTargetId').implement({
  fields: (t) => ({ kind: t.field({ type: ArchiveTargetKindEnum, resolve: (x) => x.kind }), id: t.exposeID('id') }),
});

const ArchiveChangedRef = builder.objectRef<ArchiveChanged>('ArchiveChangedEvent').implement({
  description:
    'Documents were archived to or unlinked from CRM rows: refetch the timelines of `targets` and the marks of `messageIds`.',
  fields: (t) => ({
    change: t.field({ type: ArchiveChangeEnum, resolve: (e) => e.change }),
    targets: t.field({ type: [ArchiveTargetIdRef], resolve: (e) => e.targets }),
    messageIds: t.exposeIDList('messageIds', {
      description: 'The archived mailbox messages (ids of the archiving user’s mailbox).',
    }),
    documentIds: t.exposeIDList('documentIds'),
  }),
});

builder.subscriptionField('archiveChanged', (t) =>
  t.field({
    type: ArchiveChangedRef,
    description:
      'Archive changes in the viewer’s tenant, from any user and any process (LISTEN/NOTIFY), that the viewer may see: ' +
      'private documents reach their owner only. With `target`, only changes concerning it (a CRM page’s timeline).',
    extensions: authz('signedIn'),
    args: { target: t.arg({ type: ArchiveTargetInput }) },
    subscribe: (_root, { target }, context) => {
      const viewer = context.viewer!;
      const events = context.services.bus.subscribe<ArchiveChanged>(archiveTopic(viewer.tenant.id));
      return filtered(events, (e) => archiveEventConcerns(e, viewer.user.id, target ? toTarget(target).id : undefined));
    },
    resolve: (event: ArchiveChanged) => event,
  }),
);

/**
 * The events of `source` that `keep` accepts. Hand-made like lib/events/starting-with.ts: an async
 * generator's `finally` never runs when graphql-ws calls `return()` before the first `next()`,
 * and the bus subscription would stay open.
 */
function filtered<T>(source: AsyncIterableIterator<T>, keep: (value: T) => boolean): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done || keep(result.value)) return result;
      }
    },
    return: (value?: unknown) => (source.return ? source.return(value) : Promise.resolve({ value: undefined, done: true })),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
