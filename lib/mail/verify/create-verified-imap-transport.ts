import 'server-only';
import type { ImapTransport, ImapTransportOptions, ImapTransportSocket } from 'imapflow';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { checkPeerCertificate } from './check-peer-certificate.ts';

/**
 * An imapflow `transport` (imapflow ≥ 2.10) that opens the same `net`/`tls` sockets imapflow would,
 * but decides on the server certificate itself (see check-peer-certificate.ts) before imapflow
 * sees the socket: `onConnect`/`onSecure` run only for a trusted certificate, otherwise the socket
 * is destroyed with an `UntrustedCertificateError` that names the certificate. Since the server
 * speaks first (RFC 9051 §7.1, the greeting), nothing at all is sent to an untrusted server on an
 * implicit-TLS port, and on a STARTTLS port nothing beyond the cleartext CAPABILITY and STARTTLS.
 *
 * It connects to `options.host`, which the caller sets to the address the SSRF guard checked;
 * `options.servername` (the name typed) is what SNI and the certificate name check use.
 */
export function createVerifiedImapTransport(trustedFingerprint?: string): ImapTransport {
  const verifiedTls = (options: ImapTransportOptions, extra: { socket?: ImapTransportSocket }, next: () => void) => {
    const socket: TLSSocket = tlsConnect({
      ...options.tls,
      ...extra,
      host: options.host,
      port: options.port,
      servername: options.servername,
      // Verification still runs and sets `authorized`; checkPeerCertificate enforces it (or the pin).
      rejectUnauthorized: false,
    });
    socket.once('secureConnect', () => {
      const problem = checkPeerCertificate(socket, trustedFingerprint);
      if (problem) socket.destroy(problem);
      else next();
    });
    return socket;
  };
  return {
    connect(options, onConnect) {
      if (options.secure) return verifiedTls(options, {}, onConnect);
      return netConnect({ host: options.host, port: options.port }, onConnect);
    },
    upgrade: (socket, options, onSecure) => verifiedTls(options, { socket }, onSecure),
  };
}
