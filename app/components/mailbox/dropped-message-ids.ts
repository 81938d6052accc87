/**
 * The drag-and-drop contract between the message list (drag source) and the folder pane (drop
 * target): a JSON array of message ids under this type. A custom type, so text or links dragged in
 * from elsewhere are not taken for messages.
 */
export const MESSAGE_IDS_TYPE = 'application/x-crm-message-ids';

/** At most this many ids are taken from one drop (the API's own list limit checks again). @default 1000 */
export const MAX_DROPPED_IDS = 1000;

/** The ids of a drop, or null when the data is not a non-empty array of short strings. */
export function droppedMessageIds(data: string): string[] | null {
  if (!data || data.length > MAX_DROPPED_IDS * 80) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_DROPPED_IDS) return null;
  if (!parsed.every((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 64)) return null;
  return parsed;
}
