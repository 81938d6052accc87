import 'server-only';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import { PROVIDERS } from '../mail/discovery/providers.ts';
import type { DiscoverySource, MailSettings, ProviderInfo, ServerSettings } from '../mail/discovery/types.ts';

/**
 * How long a discovery answer vouches for its servers: a person reads the form, maybe trusts a
 * certificate or fixes a password, then connects. @default 1 hour
 */
export const DISCOVERY_TOKEN_TTL_MS = 60 * 60 * 1000;

/** A token is a few hundred bytes; anything much longer was not issued here (bounded input, STYLE.md rule 14). */
export const DISCOVERY_TOKEN_MAX_LENGTH = 2048;

/** Who asked: a token is good only for the user and the address it was issued for. */
export interface DiscoverySubject {
  userId: string;
  email: string;
}

/** What a valid token vouches for: these servers are what discovery found, from this source. */
export interface DiscoveredServers {
  imap: Pick<ServerSettings, 'host' | 'port' | 'ssl' | 'username'>;
  smtp: Pick<ServerSettings, 'host' | 'port' | 'ssl' | 'username'>;
  source: DiscoverySource;
  provider?: ProviderInfo;
}

interface Claims {
  v: 1;
  sub: string;
  em: string;
  src: DiscoverySource;
  pid?: string;
  i: [string, number, boolean, string];
  o: [string, number, boolean, string];
  exp: number;
}

const SOURCES: readonly DiscoverySource[] = ['provider', 'autoconfig', 'srv', 'mx', 'guess'];

/**
 * Signs what `discoverMailSettings` found, so the page can hand it back on connect and the server
 * can tell discovered servers (which keep their source and provider hints) from typed ones
 * (`manual`) without trusting the page's word and without repeating discovery (issue 8, item 20).
 * Stateless, so any process sharing `MAIL_CREDENTIALS_KEY` accepts it: HMAC-SHA256 under a key
 * derived from the credentials key by HKDF (RFC 5869), never the credentials key itself.
 */
export function issueDiscoveryToken(
  found: MailSettings,
  subject: DiscoverySubject,
  key: CredentialsKey,
  now = Date.now(),
): string {
  const claims: Claims = {
    v: 1,
    sub: subject.userId,
    em: normalizeEmail(subject.email),
    src: found.source,
    ...(found.provider ? { pid: found.provider.id } : {}),
    i: [found.imap.host, found.imap.port, found.imap.ssl, found.imap.username],
    o: [found.smtp.host, found.smtp.port, found.smtp.ssl, found.smtp.username],
    exp: now + DISCOVERY_TOKEN_TTL_MS,
  };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(body, key)}`;
}

/**
 * The servers a token vouches for, or null when it was not issued by this deployment for this
 * user and address, or has expired. Never throws: a bad token only means the settings count as typed.
 */
export function readDiscoveryToken(
  token: string,
  subject: DiscoverySubject,
  key: CredentialsKey,
  now = Date.now(),
): DiscoveredServers | null {
  if (token.length > DISCOVERY_TOKEN_MAX_LENGTH) return null;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body, key));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
  } catch {
    return null;
  }
  if (claims.v !== 1 || claims.sub !== subject.userId || claims.em !== normalizeEmail(subject.email)) return null;
  if (!(claims.exp > now) || !SOURCES.includes(claims.src)) return null;
  const provider = claims.pid ? PROVIDERS.find((p) => p.id === claims.pid) : undefined;
  const server = ([host, port, ssl, username]: Claims['i']) => ({ host, port, ssl, username });
  return {
    imap: server(claims.i),
    smtp: server(claims.o),
    source: claims.src,
    ...(provider ? { provider: { id: provider.id, name: provider.name, hints: [...provider.hints] } } : {}),
  };
}

function mac(body: string, { key }: CredentialsKey): string {
  const derived = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'crm-inbox discovery token v1', 32));
  return createHmac('sha256', derived).update(body).digest('base64url');
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
