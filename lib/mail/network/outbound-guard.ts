import 'server-only';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { ConnectPolicy } from './check-connect-target.ts';
import { parseIpAddress } from './ip-address.ts';
import { ipLiteral, resolveAndCheck, type ResolvedAddress, type ResolveHost } from './resolve-and-check.ts';

/**
 * Opens the TCP connection to an address the guard allowed (an IP, never a name: no DNS after the
 * check). The default is `net.connect`, which then verifies that the peer is that address.
 */
export type Dial = (address: string, port: number) => Socket;

/** How a deployment reaches the outside world; built once per process (lib/mail-accounts/discovery-deps-for-config.ts). */
export interface OutboundNetwork {
  guard: ConnectPolicy;
  /** @default the system resolver (getaddrinfo, so /etc/hosts counts) */
  resolveHost?: ResolveHost;
  /**
   * @default `net.connect` to the checked address. Tests put their loopback servers behind public
   * addresses here, so the guard's real decisions (names, literals, ranges, ports, redirects) are
   * what is under test; nothing else should set it.
   */
  dial?: Dial;
}

/** A connection the guard allowed: where to (`address`, `port`) and for which name (`host`, for TLS). */
export interface CheckedTarget extends ResolvedAddress {
  host: string;
  port: number;
}

/**
 * The one outbound door (STYLE.md rule 13): every connection the server opens, to a mail server,
 * an autoconfig web server or a redirect target, is made here, so no path can skip the check.
 */
export interface OutboundGuard {
  /** Resolves `host` once (IP literals parsed, never resolved), checks every address for `port`; rejects with `ConnectTargetBlockedError`. */
  check(host: string, port: number): Promise<CheckedTarget>;
  /** A socket to a target `check` returned (and only such a target), connecting. */
  dial(target: CheckedTarget): Socket;
  /** `check`, `dial` and, with `tls`, a verified TLS session for `host`; resolves once usable. `signal` aborts and destroys it. */
  connect(host: string, port: number, options: { tls: boolean; signal: AbortSignal }): Promise<Duplex>;
}

export function createOutboundGuard(network: OutboundNetwork): OutboundGuard {
  const issued = new WeakSet<CheckedTarget>();
  const dialAddress = network.dial ?? dialVerified;
  const guard: OutboundGuard = {
    async check(host, port) {
      const resolved = await resolveAndCheck(host, port, { ...network.guard, resolveHost: network.resolveHost });
      const target: CheckedTarget = Object.freeze({ host, port, address: resolved.address, family: resolved.family });
      issued.add(target);
      return target;
    },
    dial(target) {
      // A hand-made target would be a way around the check; only check()'s own objects pass.
      if (!issued.has(target)) throw new Error('outbound guard: dial() takes only a target that check() returned');
      return dialAddress(target.address, target.port);
    },
    async connect(host, port, { tls, signal }) {
      signal.throwIfAborted();
      const target = await guard.check(host, port);
      // DNS cannot be cancelled: do not connect after the caller gave up.
      signal.throwIfAborted();
      const plain = guard.dial(target);
      const socket = tls ? secureOver(plain, host) : plain;
      return settleConnect(socket, tls ? 'secureConnect' : 'connect', signal);
    },
  };
  return guard;
}

/**
 * TLS over a socket the guard dialled, for `host`: SNI and the certificate's name check use the
 * name (an IP literal is checked against the certificate's IP entries, and sent no SNI, RFC 6066
 * §3). Node verifies the chain unless `options` says otherwise.
 */
export function secureOver(plain: Socket, host: string, options: ConnectionOptions = {}): TLSSocket {
  const bare = host.replace(/^\[(.*)\]$/s, '$1').replace(/\.+$/, '');
  const literal = ipLiteral(bare);
  const socket = tlsConnect({
    ...options,
    socket: plain,
    host: literal ?? bare,
    servername: literal ? undefined : (options.servername ?? bare),
  });
  // A refused or reset TCP connection is reported on the plain socket; the TLS one must end too.
  plain.once('error', (error) => socket.destroy(error));
  return socket;
}

/** `net.connect` to an IP, then a check that the peer is that IP: the address actually connected to is the one judged. */
function dialVerified(address: string, port: number): Socket {
  if (!isIP(address)) throw new Error(`outbound guard: ${address} is not an address`);
  // No Nagle: IMAP and SMTP are command/response protocols, and a small command written while an
  // earlier one is unacknowledged would wait for the server's delayed ACK (≈ 40 ms).
  const socket = netConnect({ host: address, port, noDelay: true });
  socket.once('connect', () => {
    if (!sameAddress(socket.remoteAddress, address))
      socket.destroy(new Error(`outbound guard: connected to ${socket.remoteAddress}, not ${address}`));
  });
  return socket;
}

/** Equal addresses, counting `::ffff:a.b.c.d` (how an IPv6 socket reports an IPv4 peer) as `a.b.c.d`. */
function sameAddress(a: string | undefined, b: string): boolean {
  const value = (text: string) => {
    const parsed = parseIpAddress(text);
    if (!parsed) return null;
    return parsed.family === 6 && parsed.value >> 32n === 0xffffn
      ? `4:${parsed.value & 0xffffffffn}`
      : `${parsed.family}:${parsed.value}`;
  };
  return a !== undefined && value(a) !== null && value(a) === value(b);
}

function settleConnect<T extends Duplex>(socket: T, ready: 'connect' | 'secureConnect', signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      signal.removeEventListener('abort', onAbort);
      socket.off('error', onError);
    };
    const onAbort = () => {
      cleanup();
      socket.destroy();
      reject(signal.reason);
    };
    const onError = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once(ready, () => {
      cleanup();
      resolve(socket);
    });
  });
}
