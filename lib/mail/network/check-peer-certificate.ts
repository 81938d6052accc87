import 'server-only';
import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

/** The certificate a server presented, for a "trust this certificate?" question in the UI. */
export interface PresentedCertificate {
  /** SHA-256 of the DER certificate, `AB:CD:…`, as `X509Certificate#fingerprint256` prints it. Pin this. */
  fingerprint256: string;
  /** e.g. `CN=localhost` (several attributes joined with `, `). */
  subject: string;
  issuer: string;
  subjectAltName: string | null;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  /** Issued by itself: nobody vouches for it, only pinning can make it trusted. */
  selfSigned: boolean;
}

/** The server's certificate did not check out and was not pinned: nothing secret was sent. */
export class UntrustedCertificateError extends Error {
  constructor(
    /**
     * Node's verification result (`DEPTH_ZERO_SELF_SIGNED_CERT`, `SELF_SIGNED_CERT_IN_CHAIN`,
     * `UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `CERT_HAS_EXPIRED`, `ERR_TLS_CERT_ALTNAME_INVALID`, …).
     */
    readonly code: string,
    readonly certificate: PresentedCertificate | null,
  ) {
    super(`the server certificate is not trusted: ${code}`);
    this.name = 'UntrustedCertificateError';
  }
}

/**
 * Decides whether a TLS connection made with `rejectUnauthorized: false` may be used. It may when
 * Node's own verification passed (chain to a trusted CA and, RFC 6125, the name matches), or when
 * the leaf certificate is the one the person chose to trust (`trustedFingerprint`, its SHA-256).
 *
 * Why not `rejectUnauthorized: true` with a `checkServerIdentity` that accepts the pin: Node only
 * calls `checkServerIdentity` after the chain verified, so a self-signed certificate is refused
 * before the pin is ever looked at; and with `rejectUnauthorized: false` its verdict is not
 * enforced at all. So we connect without Node's enforcement and enforce here, before the first
 * byte of the session is read or written. A pin adds trust, it never removes it: a certificate
 * that verifies normally is accepted even when it is not the pinned one (the server moved to a
 * CA-issued certificate).
 */
export function checkPeerCertificate(socket: TLSSocket, trustedFingerprint?: string): UntrustedCertificateError | null {
  const peer = socket.getPeerCertificate();
  const certificate = peer?.raw ? describeCertificate(new X509Certificate(peer.raw)) : null;
  if (trustedFingerprint && certificate && sameFingerprint(certificate.fingerprint256, trustedFingerprint)) return null;
  if (socket.authorized) return null;
  return new UntrustedCertificateError(verificationCode(socket), certificate);
}

/**
 * Compares SHA-256 fingerprints however they were pasted: `AB:CD:…` (Node, browsers), `abcd…`,
 * or openssl's `sha256 Fingerprint=AB:CD:…`.
 */
export function sameFingerprint(a: string, b: string): boolean {
  const normal = (text: string) =>
    text
      .replace(/^\s*sha-?256(\s+fingerprint)?\s*[:=]?/i, '')
      .replace(/[^0-9a-f]/gi, '')
      .toLowerCase();
  return normal(a).length === 64 && normal(a) === normal(b);
}

export function describeCertificate(x509: X509Certificate): PresentedCertificate {
  return {
    fingerprint256: x509.fingerprint256,
    subject: x509.subject.split('\n').join(', '),
    issuer: x509.issuer.split('\n').join(', '),
    subjectAltName: x509.subjectAltName ?? null,
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    selfSigned: x509.checkIssued(x509) && x509.verify(x509.publicKey),
  };
}

/** `authorizationError` is typed as an Error but Node stores the verification code string there. */
function verificationCode(socket: TLSSocket): string {
  const reason: unknown = socket.authorizationError;
  if (typeof reason === 'string' && reason) return reason;
  if (reason instanceof Error) return (reason as NodeJS.ErrnoException).code ?? reason.message;
  return 'CERT_UNTRUSTED';
}
