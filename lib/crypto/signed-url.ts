import 'server-only';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { CredentialsKey } from './mail-credentials-key.ts';

/**
 * What a signed URL lets its bearer load, for whom (issue 10, the reader). The sandboxed iframe
 * the reader renders mail in is an opaque origin: the browser sends it no session cookie, so its
 * `cid:` images and proxied remote images carry this capability instead of the session.
 */
export interface Capability {
  /** The user the URL was issued to: the route recomputes the MAC with the owner it finds in the database. */
  userId: string;
  /** What kind of thing: keeps a signature for one route from opening another. */
  kind: 'inline' | 'image-proxy' | 'source' | 'archive';
  /** The attachment, message or archived document id, and for the proxy the remote URL: everything the route acts on. */
  subject: readonly string[];
  /** Milliseconds since the epoch. */
  expires: number;
}

/**
 * How long a signed URL lives at least. Expiries are rounded up to the next {@link EXPIRY_STEP_MS},
 * so a message opened twice within that step gets the same URLs and the browser's private cache
 * serves its images again. @default 10 minutes (+ up to 5)
 */
export const SIGNED_URL_TTL_MS = 10 * 60 * 1000;
/** @default 5 minutes */
export const EXPIRY_STEP_MS = 5 * 60 * 1000;
/** A signature is 43 base64url characters (HMAC-SHA256); anything else is refused before any work. */
export const SIGNATURE_LENGTH = 43;

export interface UrlSigner {
  /** The expiry for a URL issued now. */
  expiry(now?: number): number;
  sign(capability: Capability): string;
  /** Constant-time; false when expired, malformed or not issued by this deployment for this capability. */
  verify(capability: Capability, signature: string, now?: number): boolean;
}

/**
 * HMAC-SHA256 under a key derived from the deployment's credentials key by HKDF (RFC 5869) with
 * its own `info`, as the discovery token does: never the credentials key itself, and any process
 * sharing MAIL_CREDENTIALS_KEY (or the DATA_DIR key file) verifies what another signed.
 */
export function createUrlSigner({ key }: CredentialsKey): UrlSigner {
  const derived = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'crm-inbox signed urls v1', 32));
  const mac = (c: Capability) =>
    // JSON of the parts: no separator inside a URL or id can make two capabilities sign alike.
    createHmac('sha256', derived)
      .update(JSON.stringify([c.userId, c.kind, c.subject, c.expires]))
      .digest('base64url');
  return {
    expiry: (now = Date.now()) => Math.ceil((now + SIGNED_URL_TTL_MS) / EXPIRY_STEP_MS) * EXPIRY_STEP_MS,
    sign: mac,
    verify(capability, signature, now = Date.now()) {
      if (signature.length !== SIGNATURE_LENGTH || !Number.isSafeInteger(capability.expires)) return false;
      const expected = Buffer.from(mac(capability));
      const given = Buffer.from(signature);
      // Compared first, in constant time, and only then the expiry: no timing tells a forger which part failed.
      const matches = given.length === expected.length && timingSafeEqual(given, expected);
      return matches && capability.expires > now;
    },
  };
}

/** `e` (expiry) of a query string as a number, or NaN when it is not a plain decimal of sane length. */
export function parseExpiry(value: string | null): number {
  return value && /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
}

const signers = new WeakMap<CredentialsKey, UrlSigner>();

/** The deployment's signer, derived once per credentials key (services.credentialsKey). */
export function urlSignerFor(key: CredentialsKey): UrlSigner {
  let signer = signers.get(key);
  if (!signer) signers.set(key, (signer = createUrlSigner(key)));
  return signer;
}
