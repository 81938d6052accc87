import type { Logger } from 'pino';
import { loggerFor } from './logger.ts';

/** The `(message, extra?)` logging callback the sync loop takes (lib/sync's `log` option). */
export type MessageLog = (message: string, extra?: unknown) => void;

/**
 * A `MessageLog` writing to the structured logger: with an error it is a warning whose `err`
 * goes through the safe serializer (no SQL parameters, lib/log/serialize-error.ts), otherwise
 * an info line.
 */
export function messageLog(area: string, log: Logger = loggerFor(area)): MessageLog {
  return (message, extra) => {
    if (extra instanceof Error) log.warn({ err: extra }, message);
    else if (extra === undefined || extra === '') log.info(message);
    else log.info({ err: extra }, message);
  };
}
