import type { OutboxState } from '../../db/schema/index.ts';

/** Every process's sender listens here: a message was queued or requeued (LISTEN/NOTIFY with PostgreSQL). */
export const OUTBOX_WAKE_TOPIC = 'outbox:wake';

/** A user's outbox changed: the `outboxChanged` subscription and the Outbox page follow it. */
export function outboxTopic(userId: string): string {
  return `outbox:${userId}`;
}

export interface OutboxChanged {
  outboxId: string;
  state: OutboxState;
}
