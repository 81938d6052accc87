import 'server-only';
import type { ImapTransport, ImapTransportOptions, ImapTransportSocket } from 'imapflow';
import type { Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { checkPeerCertificate } from '../network/check-peer-certificate.ts';

/**
 * An imapflow `transport` (imapflow ≥ 2.10) whose sockets come from the outbound guard
 * (`openSocket`, connected to the address the guard checked: imapflow never opens one itself),
 * and which decides on the server certificate itself (see check-peer-certificate.ts) before
 * imapflow sees the socket: `onConnect`/`onSecure` run only for a trusted certificate, otherwise
 * the socket is destroyed with an `UntrustedCertificateError` that names the certificate. Since the
 * server speaks first (RFC 9051 §7.1, the greeting), nothing at all is sent to an untrusted server
 * on an implicit-TLS port, and on a STARTTLS port nothing beyond the cleartext CAPABILITY and STARTTLS.
 *
 * `options.servername` (the name typed) is what SNI and the certificate name check use.
 */
export function createVerifiedImapTransport(openSocket: () => Socket, trustedFingerprint?: string): ImapTransport {
  const verifiedTls = (options: ImapTransportOptions, plain: ImapTransportSocket | Socket, next: () => void) => {
    const socket: TLSSocket = tlsConnect({
      ...options.tls,
      socket: plain as Socket,
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
      const plain = openSocket();
      if (!options.secure) return plain.once('connect', onConnect);
      const secure = verifiedTls(options, plain, onConnect);
      // A refused or reset TCP connection is reported on the plain socket; the TLS one must end too.
      plain.once('error', (error) => secure.destroy(error));
      return secure;
    },
    upgrade: (socket, options, onSecure) => verifiedTls(options, socket, onSecure),
  };
}
