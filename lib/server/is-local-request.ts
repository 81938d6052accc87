import type { IncomingHttpHeaders } from 'node:http';
import net from 'node:net';

/**
 * True when a request comes straight from this machine: a loopback peer, and no proxy header.
 * A reverse proxy on the same host also connects from loopback, but on behalf of anyone: it
 * adds `Forwarded` (RFC 7239) or `X-Forwarded-For`/`X-Real-IP`, so such a request does not count
 * as local. A client can add those headers but never remove the proxy's, so they can only make
 * a request less trusted. Used to spare the operator the setup token on their own machine.
 */
export function isLocalRequest(request: { remoteAddress: string | undefined; headers: IncomingHttpHeaders }): boolean {
  const { remoteAddress, headers } = request;
  if (headers.forwarded !== undefined || headers['x-forwarded-for'] !== undefined || headers['x-real-ip'] !== undefined) {
    return false;
  }
  return remoteAddress !== undefined && isLoopback(remoteAddress);
}

function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (net.isIPv4(v4)) return v4.split('.')[0] === '127';
  return address === '::1';
}
