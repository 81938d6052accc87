import { MAX_FILES_BYTES } from '../../../lib/compose/attachment-limit';
/**
 * Limits the composer checks before anything is uploaded or sent, the same the server enforces
 * (issue 11 API contract): a refusal up front beats a 413 after minutes of uploading.
 */

/** Attachments per file and per message, whatever the server (lib/compose/attachment-limit.ts). @default 25 MiB */
export const MAX_ATTACHMENTS_BYTES = MAX_FILES_BYTES;
/** Recipients over To, Cc and Bcc together. @default 500 */
export const MAX_RECIPIENTS = 500;
/** One recipient as written. @default 320 */
export const MAX_RECIPIENT_CHARS = 320;
/** Subject (RFC 5322 §2.1.1 line limit). @default 998 */
export const MAX_SUBJECT_CHARS = 998;

/**
 * Which of the picked files fit beside what is already attached, in order: files are taken while
 * the total stays within the limit; the first that does not fit and everything after are refused
 * (all at once, so the person sees one message, not a trickle).
 */
export function filesWithinLimit<T extends { size: number }>(
  attachedBytes: number,
  files: readonly T[],
  limit = MAX_ATTACHMENTS_BYTES,
): { accepted: T[]; refused: T[] } {
  let total = attachedBytes;
  const accepted: T[] = [];
  for (const [i, file] of files.entries()) {
    if (total + file.size > limit) return { accepted, refused: files.slice(i) };
    total += file.size;
    accepted.push(file);
  }
  return { accepted, refused: [] };
}

/** 8:00 tomorrow in the browser's time zone (the "Send later" quick choice). */
export function tomorrowAt(now: Date, hour = 8): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, hour, 0, 0, 0);
}

/** A Date as the value of <input type="datetime-local"> (local time, minutes). */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of <input type="datetime-local"> as a Date, or null when empty or unreadable. */
export function fromLocalInputValue(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  return date.getMonth() === mo - 1 && date.getDate() === d ? date : null;
}
