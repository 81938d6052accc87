import type { ServerEndpoint } from '../mail/discovery/types.ts';

type Server = Pick<ServerEndpoint, 'host' | 'port' | 'ssl'> & { username: string };

/**
 * Whether two server settings name the same login at the same place: host names compare without
 * case (RFC 4343), port, implicit TLS and username exactly. A pinned certificate or a password
 * is not a setting of the server, so it does not count.
 */
export function sameServer(a: Server, b: Server): boolean {
  return a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port && a.ssl === b.ssl && a.username === b.username;
}
