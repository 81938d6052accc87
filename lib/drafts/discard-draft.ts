import 'server-only';
import type { Db } from '../../db/client.ts';
import { findOwnedDraft, removeDraft } from '../../db/queries/drafts.ts';
import { isUuid } from '../../db/is-uuid.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import { draftsTopic, type DraftChanged } from './draft-events.ts';
import { wakeMailActions } from './wake-mail-actions.ts';

/** Removes the viewer's draft here at once and, through a durable action, its copies in Drafts. */
export async function discardDraft(deps: { db: Db; bus: EventBus }, userId: string, id: string): Promise<void> {
  const draft = isUuid(id) ? await findOwnedDraft(deps.db, userId, id) : undefined;
  if (!draft) throw new AppError('NOT_FOUND', { field: 'id', message: 'No such draft.' });
  await wakeMailActions(deps.bus, await removeDraft(deps.db, draft));
  await deps.bus.publish<DraftChanged>(draftsTopic(userId), { draftId: draft.id, removed: true }).catch(() => {});
}
