import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { loggerFor, newRequestId } from '../log/logger.ts';

const logs = new WeakMap<IncomingMessage, Logger>();

/**
 * The logger of one HTTP request or WebSocket connection (issue 8, item 9): a fresh request id,
 * bound to every line logged for it and sent back as `x-request-id` (on the response, or on the
 * WebSocket's 101 answer), so that a user's report can be matched to the log. An id sent by the
 * client is not trusted: it could be long, or collide on purpose. At `debug`, each response is
 * logged (method, path, status, time).
 */
export function requestLog(req: IncomingMessage, res?: ServerResponse): Logger {
  let log = logs.get(req);
  if (!log) {
    const requestId = newRequestId();
    log = loggerFor('http', { requestId });
    logs.set(req, log);
  }
  if (res && !res.headersSent) {
    res.setHeader('x-request-id', requestIdOf(log));
    const started = performance.now();
    // The path only: a GET's query string can carry a whole GraphQL document and its variables.
    const path = (req.url ?? '/').split('?')[0]!.slice(0, 200);
    res.once('finish', () =>
      log!.debug({ method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'),
    );
  }
  return log;
}

export function requestIdOf(log: Logger): string {
  return (log.bindings() as { requestId: string }).requestId;
}
