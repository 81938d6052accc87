import 'server-only';
import type { Logger } from 'pino';
import type { AppServices } from '../lib/app-services.ts';
import type { Viewer } from '../lib/auth/viewer.ts';

/** Per-request context for every resolver, over HTTP and WebSocket alike. */
export interface GraphQLContext {
  services: AppServices;
  /** null when the request carries no live session. */
  viewer: Viewer | null;
  /** Client IP (for rate limits). */
  ip: string;
  /** The request comes straight from the server's machine (lib/server/is-local-request.ts); false on WebSocket. */
  local?: boolean;
  /** Adds a Set-Cookie to the HTTP response; absent on WebSocket, where no cookie can be set. */
  setCookie?: (cookie: string) => void;
  /** The request's (or WebSocket connection's) logger: every line carries its `requestId`. */
  log: Logger;
}
