const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The oldest INTERNALDATE the import window covers: midnight UTC, `days` days ago. IMAP SEARCH
 * SINCE compares dates only, "disregarding time and timezone" (RFC 3501 §6.4.4), so the window
 * starts on a day boundary; the server applies its own timezone, which can add up to a day. That
 * is harmless: the window is "at least N days", never "exactly".
 */
export function importWindowStart(days: number, now: Date = new Date()): Date {
  const start = new Date(now.getTime() - Math.max(0, days) * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
}
