import type { Page } from '@playwright/test';
import type { StoredMessage } from '../mail-stack/index.ts';

export interface OutboxEntry {
  id: string;
  subject: string;
  state: string;
  messageId: string;
  errorCode: string | null;
  errorMessage: string | null;
}

/** The viewer's outbox as the API gives it, with the page's session (the journeys' second look). */
export async function outboxOf(page: Page): Promise<OutboxEntry[]> {
  const response = await page.request.post('/api/graphql', {
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    data: { query: '{ outbox { id subject state messageId errorCode errorMessage } }' },
  });
  const body = (await response.json()) as { data?: { outbox: OutboxEntry[] } };
  return body.data?.outbox ?? [];
}

/** How many of `messages` carry this Message-ID (with or without angle brackets). */
export function countMessageId(messages: StoredMessage[], messageId: string): number {
  const bare = (id: string) => id.trim().replace(/^<|>$/g, '');
  return messages.filter((m) => bare(m.messageId) === bare(messageId)).length;
}

/** The undo delay the composer reads (Local settings keeps it in a cookie): 0 sends at once. */
export async function setUndoSend(page: Page, seconds: number): Promise<void> {
  const url = new URL(page.url());
  await page.context().addCookies([{ name: 'undo-send', value: String(seconds), domain: url.hostname, path: '/' }]);
}
