import 'server-only';
import type { ServerResponse } from 'node:http';
import { ERROR_CODES, type ErrorCode } from '../errors.ts';

/**
 * The API's one error shape (as GraphQL answers), with headers that keep it private: for the
 * download routes (attachments, inline images, the image proxy, .eml). Only the code's own user
 * message goes out, never a detail of what failed (a remote server's answer, a path).
 */
export function sendApiError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  headers: Record<string, string> = {},
  /** Facts for the UI, as AppError's `details` go out in GraphQL (a size limit); never secrets. */
  details?: Record<string, unknown>,
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  const extensions = details ? { code, details } : { code };
  res.end(JSON.stringify({ errors: [{ message: ERROR_CODES[code].userMessage, extensions }] }));
}
