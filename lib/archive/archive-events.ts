import type { EventBus } from '../events/event-bus.ts';
import type { ArchiveTarget } from './archive-target.ts';

/** Something was archived to or unarchived from CRM rows of a tenant. Ids only (NOTIFY caps payloads at 8000 bytes). */
export interface ArchiveChanged {
  change: 'archived' | 'unarchived';
  targets: ArchiveTarget[];
  /** Mailbox messages whose archive mark may have changed (at most {@link EVENT_MESSAGE_IDS} per event). */
  messageIds: string[];
  documentIds: string[];
  /** Set when the documents are private: only this user may hear of them. */
  privateTo: string | null;
}

/** Ids per event: 2 × 50 UUIDs and 10 targets stay well under the 7900-byte NOTIFY limit. @default 50 */
export const EVENT_MESSAGE_IDS = 50;

/** One topic per tenant: subscribers filter by target and visibility (graphql/archive-events.ts). */
export function archiveTopic(tenantId: string): string {
  return `tenant:${tenantId}:archive`;
}

/**
 * Announces a change, in events small enough for NOTIFY. After the commit, never failing the
 * caller: a lost event costs a colleague's page a refresh, not the archiving.
 */
export async function publishArchiveChanged(
  bus: EventBus,
  tenantId: string,
  event: Omit<ArchiveChanged, 'messageIds' | 'documentIds'> & { messageIds: string[]; documentIds: string[] },
): Promise<void> {
  const count = Math.max(event.messageIds.length, event.documentIds.length, 1);
  for (let start = 0; start < count; start += EVENT_MESSAGE_IDS) {
    await bus
      .publish<ArchiveChanged>(archiveTopic(tenantId), {
        ...event,
        messageIds: event.messageIds.slice(start, start + EVENT_MESSAGE_IDS),
        documentIds: event.documentIds.slice(start, start + EVENT_MESSAGE_IDS),
      })
      .catch(() => {});
  }
}

/** Whether `viewerId` may hear of the event, and (when given) whether it concerns `target`. */
export function archiveEventConcerns(event: ArchiveChanged, viewerId: string, targetId?: string): boolean {
  if (event.privateTo !== null && event.privateTo !== viewerId) return false;
  return targetId === undefined || event.targets.some((t) => t.id === targetId);
}
