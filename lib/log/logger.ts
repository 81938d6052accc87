import { randomUUID } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { serializeError } from './serialize-error.ts';

/**
 * The process's structured logger (pino: JSON lines, levels, child loggers carry context).
 *
 * Rules (issue 8, item 9): never log query parameters, SQL with its values, mail content,
 * passwords or tokens — log codes, ids and sizes. `redact` is a last line of defence for
 * the field names that could carry secrets if someone logs a whole object by mistake.
 * Level from `LOG_LEVEL` (`fatal`…`trace`, `silent`). @default 'info' ('warn' under `node --test`)
 */
export const logger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_TEST_CONTEXT ? 'warn' : 'info'),
  base: { pid: process.pid },
  redact: {
    paths: [
      'password',
      '*.password',
      'token',
      '*.token',
      // A MailServer's secret (issue 13): a password or an OAuth2 grant, whole.
      'credentials',
      '*.credentials',
      'accessToken',
      '*.accessToken',
      'refreshToken',
      '*.refreshToken',
      'authorization',
      '*.authorization',
      'cookie',
      '*.cookie',
      'parameters',
      '*.parameters',
      'query',
      '*.query',
      'variables',
      '*.variables',
    ],
    censor: '[redacted]',
  },
  // Not pino.stdSerializers.err: it copies every property, SQL parameters included.
  serializers: { err: serializeError, error: serializeError },
});

/** A child logger for one area of the code (`sync`, `http`, `graphql`, …). */
export function loggerFor(area: string, bindings: Record<string, unknown> = {}): Logger {
  return logger.child({ area, ...bindings });
}

/** A fresh request id: logged with every line of one request and sent back as `x-request-id`. */
export function newRequestId(): string {
  return randomUUID();
}
