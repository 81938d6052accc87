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
} as const;

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
    mailAllowPlaintextAuth,
    mailConnectAllowlist: list(read(env, 'MAIL_CONNECT_ALLOWLIST')),
    mailDiscoveryDnsServers: list(read(env, 'MAIL_DISCOVERY_DNS_SERVERS')),
    trustProxy: readTrustProxy(env),
    outboxLeaseSeconds: read(env, 'OUTBOX_LEASE_SECONDS'),
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
