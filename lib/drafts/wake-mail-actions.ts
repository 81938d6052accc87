import 'server-only';
import type { MailAction } from '../../db/schema/index.ts';
import type { EventBus } from '../events/event-bus.ts';
import { mailActionsTopic, type MailActionRequested } from '../sync/sync-events.ts';

/**
 * Wakes the account's action runner, in whichever process holds the lease. The action is stored:
 * a lost wake-up only costs the time until the runner's next round, so it never fails the caller.
 */
export async function wakeMailActions(bus: EventBus, action: MailAction): Promise<void> {
  await bus.publish<MailActionRequested>(mailActionsTopic(action.accountId), { actionId: action.id }).catch(() => {});
}
