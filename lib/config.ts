import path from 'node:path';
import { z } from 'zod';
import { parseAllowlistEntry } from './mail/network/parse-allowlist-entry.ts';
import { parseTrustProxy, type TrustProxy } from './server/client-address.ts';

/**
 * The deployment's configuration: parsed and validated once, from the environment.
 * A bad value yields one line naming the variable (`ConfigError`), never a stack trace.
 */
export interface Config {
  /** `online` = hosted by us, `onsite` = self-hosted. @default 'onsite' */
  deploymentMode: 'online' | 'onsite';
  /** PostgreSQL URL; unset → embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Where PGlite and generated secrets live. @default './.data' */
  dataDir: string;
  /** @default 3000 */
  port: number;
  /** @default '0.0.0.0' */
  host: string;
  /** 32-byte key (base64) encrypting stored mail credentials; generated into `dataDir` when unset. */
  mailCredentialsKey: string | undefined;
  /** Overrides the import window's deployment default (30 online, 180 onsite). */
  numberOfDaysToDownload: number | undefined;
  /** Mark the session cookie `Secure` (set when served over HTTPS). @default false */
  cookieSecure: boolean;
  /**
   * The origin people open CRM Inbox at (`https://crm.example.com`, no trailing slash), when a
   * reverse proxy stands in front: the OAuth redirect URI is built from it instead of the request's
   * `Host` header, which a proxy may rewrite and a client may forge. @default undefined (the request's Host)
   */
  publicUrl: string | undefined;
  /** Allow sending mail passwords over unencrypted connections (onsite only). @default false */
  mailAllowPlaintextAuth: boolean;
  /**
   * What an operator allows outbound connections to despite the SSRF guard (online mode): CIDRs,
   * addresses or host names, each optionally with `:port` (`[v6]:port` for IPv6); without a port an
   * entry opens only the standard mail ports 25, 143, 465, 587 and 993. See parse-allowlist-entry.ts.
   */
  mailConnectAllowlist: string[];
  /** DNS servers (`host:port`) for mail-settings discovery; empty = the system's resolvers. */
  mailDiscoveryDnsServers: string[];
  /**
   * Proxies trusted to name the client in `X-Forwarded-For` (a hop count or CIDRs), for
   * sign-in limits per client address. @default trust nothing (the socket's peer address)
   */
  trustProxy: TrustProxy;
  /**
   * How long a process's claim on a message it is sending lasts without renewal (renewed every third
   * of it while the SMTP transaction runs). After a crash mid-send the message shows as "may have
   * been sent" once this has passed: shorter means the person learns sooner; it must stay well above
   * a pause in the sender's event loop. @default 120
   */
  outboxLeaseSeconds: number;
  /**
   * Google and Microsoft sign-in for mailboxes (issue 13): the client each provider issued to this
   * deployment. A provider without one is not offered; its mailboxes connect with a (app) password.
   */
  oauth: { google?: OAuthProviderConfig; microsoft?: OAuthProviderConfig };
}

/** One provider's OAuth client as the operator registered it, plus the overrides tests use. */
export interface OAuthProviderConfig {
  clientId: string;
  clientSecret: string;
  /** Microsoft only: the Entra ID tenant (an id or domain), or `common` for any organization and personal accounts. */
  tenant?: string;
  /**
   * Another issuer instead of the provider's (`OAUTH_GOOGLE_ISSUER`): the tests' local authorization
   * server. `http:` is accepted for loopback hosts only.
   */
  issuer?: string;
  /** Other IMAP/SMTP servers than the provider's (`imaps://host:port`, `imap://` = STARTTLS; `smtps://`, `smtp://`): tests. */
  imapUrl?: string;
  smtpUrl?: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

const fields = {
  DEPLOYMENT_MODE: z.enum(['online', 'onsite']).default('onsite'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MAIL_CREDENTIALS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  NUMBER_OF_DAYS_TO_DOWNLOAD: z.coerce.number().int().min(1).max(3650).optional(),
  COOKIE_SECURE: boolean.default(false),
  PUBLIC_URL: z
    .string()
    .refine((v) => parsePublicUrl(v) !== null, 'must be an http:// or https:// origin without a path (https://crm.example.com)')
    .transform((v) => parsePublicUrl(v)!)
    .optional(),
  MAIL_ALLOW_PLAINTEXT_AUTH: boolean.default(false),
  MAIL_CONNECT_ALLOWLIST: z
    .string()
    .refine((value) => list(value).every((entry) => parseAllowlistEntry(entry) !== null), {
      error: (issue) =>
        `has an entry that is not a CIDR, address or host name with an optional :port: ${JSON.stringify(
          list(String(issue.input)).find((entry) => parseAllowlistEntry(entry) === null),
        )}`,
    })
    .optional(),
  MAIL_DISCOVERY_DNS_SERVERS: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(120),
  GOOGLE_OAUTH_CLIENT_ID: z.string().max(512).optional(),
  GOOGLE_OAUTH_CLIENT_SECRET: z.string().max(512).optional(),
  MICROSOFT_OAUTH_CLIENT_ID: z.string().max(512).optional(),
  MICROSOFT_OAUTH_CLIENT_SECRET: z.string().max(512).optional(),
  MICROSOFT_OAUTH_TENANT: z
    .string()
    .regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a tenant id, a domain, common, organizations or consumers')
    .default('common'),
  OAUTH_GOOGLE_ISSUER: oauthIssuer(),
  OAUTH_MICROSOFT_ISSUER: oauthIssuer(),
  OAUTH_GOOGLE_IMAP_URL: mailUrl('imap'),
  OAUTH_GOOGLE_SMTP_URL: mailUrl('smtp'),
  OAUTH_MICROSOFT_IMAP_URL: mailUrl('imap'),
  OAUTH_MICROSOFT_SMTP_URL: mailUrl('smtp'),
} as const;

function oauthIssuer() {
  return z
    .url()
    .refine((v) => {
      const url = new URL(v);
      // Real providers are HTTPS; plain HTTP only for a local test server (never across a network).
      return (
        url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
      );
    }, 'must be an https:// URL (http:// only for 127.0.0.1 or localhost)')
    .optional();
}

function mailUrl(kind: 'imap' | 'smtp') {
  return z
    .string()
    .refine((v) => parseMailUrl(v, kind) !== null, `must look like ${kind}s://host:port or ${kind}://host:port`)
    .optional();
}

/** `imaps://host:993` → implicit TLS; `imap://host:143` → STARTTLS. Null when it is not one. */
export function parseMailUrl(value: string, kind: 'imap' | 'smtp'): { host: string; port: number; ssl: boolean } | null {
  const match = new RegExp(`^${kind}(s?)://([^/:\\s]+|\\[[0-9a-fA-F:]+\\]):(\\d{1,5})/?$`).exec(value);
  if (!match) return null;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return null;
  return { host: match[2]!.replace(/^\[|\]$/g, ''), port, ssl: match[1] === 's' };
}

/**
 * `https://crm.example.com/` → `https://crm.example.com`: an absolute http(s) origin, a trailing
 * slash allowed; null for anything with a path, query, fragment or credentials, which the redirect
 * URI `<origin>/api/oauth/callback` could not be built on.
 */
export function parsePublicUrl(value: string): string | null {
  if (/[?#\s]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const ok = (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/' && !url.username && !url.password;
  return ok ? url.origin : null;
}

type EnvName = keyof typeof fields;
type Env = Record<string, string | undefined>;

function read<K extends EnvName>(env: Env, name: K): z.output<(typeof fields)[K]> {
  const raw = env[name];
  // An empty variable means "unset": `FOO= npm start` should not be an error.
  const value = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  const result = fields[name].safeParse(value);
  if (!result.success) {
    const detail = describeExpected(name) ?? result.error.issues[0]?.message ?? 'is invalid';
    throw new ConfigError(name, `${detail} (got ${JSON.stringify(raw)})`);
  }
  return result.data as z.output<(typeof fields)[K]>;
}

function describeExpected(name: EnvName): string | undefined {
  switch (name) {
    case 'DEPLOYMENT_MODE':
      return 'must be "online" or "onsite"';
    case 'PORT':
      return 'must be an integer between 1 and 65535';
    case 'NUMBER_OF_DAYS_TO_DOWNLOAD':
      return 'must be an integer between 1 and 3650';
    case 'OUTBOX_LEASE_SECONDS':
      return 'must be an integer between 3 and 3600';
    case 'COOKIE_SECURE':
    case 'MAIL_ALLOW_PLAINTEXT_AUTH':
      return 'must be true or false';
    default:
      return undefined;
  }
}

/** Parses the environment; throws `ConfigError` on the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const deploymentMode = read(env, 'DEPLOYMENT_MODE');
  const mailAllowPlaintextAuth = read(env, 'MAIL_ALLOW_PLAINTEXT_AUTH');
  if (mailAllowPlaintextAuth && deploymentMode === 'online') {
    // A hosted deployment must never carry customers' passwords in the clear.
    throw new ConfigError('MAIL_ALLOW_PLAINTEXT_AUTH', 'may only be true when DEPLOYMENT_MODE=onsite');
  }
  return {
    deploymentMode,
    databaseUrl: read(env, 'DATABASE_URL'),
    dataDir: path.resolve(read(env, 'DATA_DIR')),
    port: read(env, 'PORT'),
    host: read(env, 'HOST'),
    mailCredentialsKey: read(env, 'MAIL_CREDENTIALS_KEY'),
    numberOfDaysToDownload: read(env, 'NUMBER_OF_DAYS_TO_DOWNLOAD'),
    cookieSecure: read(env, 'COOKIE_SECURE'),
    publicUrl: read(env, 'PUBLIC_URL'),
    mailAllowPlaintextAuth,
    mailConnectAllowlist: list(read(env, 'MAIL_CONNECT_ALLOWLIST')),
    mailDiscoveryDnsServers: list(read(env, 'MAIL_DISCOVERY_DNS_SERVERS')),
    trustProxy: readTrustProxy(env),
    outboxLeaseSeconds: read(env, 'OUTBOX_LEASE_SECONDS'),
    oauth: {
      google: readOAuthProvider(env, 'GOOGLE'),
      microsoft: readOAuthProvider(env, 'MICROSOFT'),
    },
  };
}

/** A provider's client, or undefined when none is set; half a pair (id without secret) is an error. */
function readOAuthProvider(env: Env, provider: 'GOOGLE' | 'MICROSOFT'): OAuthProviderConfig | undefined {
  const clientId = read(env, `${provider}_OAUTH_CLIENT_ID`);
  const clientSecret = read(env, `${provider}_OAUTH_CLIENT_SECRET`);
  // Checked even without a client, so a typo shows at start rather than when one is added.
  const tenant = provider === 'MICROSOFT' ? read(env, 'MICROSOFT_OAUTH_TENANT') : undefined;
  if (!clientId && !clientSecret) return undefined;
  if (!clientId) throw new ConfigError(`${provider}_OAUTH_CLIENT_ID`, `must be set with ${provider}_OAUTH_CLIENT_SECRET`);
  if (!clientSecret) throw new ConfigError(`${provider}_OAUTH_CLIENT_SECRET`, `must be set with ${provider}_OAUTH_CLIENT_ID`);
  const issuer = read(env, `OAUTH_${provider}_ISSUER`);
  const imapUrl = read(env, `OAUTH_${provider}_IMAP_URL`);
  const smtpUrl = read(env, `OAUTH_${provider}_SMTP_URL`);
  return {
    clientId,
    clientSecret,
    ...(tenant ? { tenant } : {}),
    ...(issuer ? { issuer } : {}),
    ...(imapUrl ? { imapUrl } : {}),
    ...(smtpUrl ? { smtpUrl } : {}),
  };
}

function readTrustProxy(env: Env): TrustProxy {
  const trustProxy = parseTrustProxy(read(env, 'TRUST_PROXY'));
  if (typeof trustProxy === 'string') {
    throw new ConfigError('TRUST_PROXY', `${trustProxy} (got ${JSON.stringify(env.TRUST_PROXY)})`);
  }
  return trustProxy;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
