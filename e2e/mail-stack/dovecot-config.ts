/** Where one private Dovecot instance keeps everything; see {@link dovecotConfig}. */
export interface DovecotLayout {
  /** Unique per instance: Dovecot prefixes every process title with it (`dovecot-<name>/imap`). */
  instanceName: string;
  /** Listen address for all services. @default '127.0.0.1' */
  host: string;
  ports: { imap: number; imaps: number; lmtp: number };
  /** Sockets and master.pid. Unix socket paths must stay under 108 bytes, so keep it short. */
  baseDir: string;
  stateDir: string;
  logPath: string;
  /** Homes live at `<mailDir>/<domain>/<local part>`; must be owned by uid 65534. */
  mailDir: string;
  /** `passwd-file` with `{PLAIN}` passwords, see passwd-file.ts. */
  usersFile: string;
  certPath: string;
  keyPath: string;
  /**
   * Allow LOGIN/AUTH PLAIN before TLS (STARTTLS). `false` lets a test check that the
   * client really upgrades: Dovecot then advertises LOGINDISABLED (RFC 3501 §6.2.3).
   */
  allowPlaintextAuth: boolean;
  /**
   * Replaces the IMAP CAPABILITY Dovecot announces after login (`imap_capability`), to meet
   * servers that lack an extension: e.g. {@link CAPABILITIES_WITHOUT_CONDSTORE}, as Exchange
   * and older servers have no CONDSTORE/QRESYNC. @default Dovecot's own list
   */
  imapCapability?: string;
  /**
   * Dovecot's high-performance login mode (`service imap-login { service_count = 0 }`, Dovecot
   * wiki "Login processes"): a few long-lived login processes serve every connection and its TLS,
   * instead of one new process per connection. What a busy server runs; the benchmark uses it.
   * @default false (Dovecot's default, high-security mode)
   */
  highPerformanceLogin?: boolean;
  /**
   * Simultaneous IMAP sessions: each is one `imap` process, and Dovecot's default
   * `default_process_limit` of 100 refuses the 101st (a load test of 200 accounts holds 400).
   * Raises the imap process limit to this and the client limits to match.
   * @default Dovecot's defaults (100 processes, 1000 clients per process)
   */
  maxImapSessions?: number;
  /**
   * Also accept OAuth 2.0 access tokens (SASL XOAUTH2 and OAUTHBEARER, RFC 7628) through Dovecot's
   * `oauth2` passdb, whose settings file ({@link dovecotOauth2Config}) is at this path. Passwords
   * keep working: each passdb answers only its own mechanisms.
   */
  oauth2ConfigPath?: string;
}

/** Where Dovecot's oauth2 passdb checks a token: an RFC 7662 introspection endpoint. */
export interface DovecotOauth2Introspection {
  /** `http://127.0.0.1:<port>/token/introspection` of the test authorization server. */
  url: string;
  clientId: string;
  clientSecret: string;
}

/**
 * The oauth2 passdb's settings file (`args = <file>`), Dovecot **2.3** syntax (doc.dovecot.org/2.3,
 * configuration_manual/authentication/oauth2; the Debian package's dovecot-oauth2.conf.ext lists
 * every key). Pure.
 *
 * - `introspection_mode = post`: the token goes as `token=<token>` in a POST body to
 *   `introspection_url` (RFC 7662 §2.1); the client credentials sit in the URL, which Dovecot's
 *   HTTP client sends as HTTP Basic (RFC 7662 §2.1 requires the caller to authenticate).
 * - No `tokeninfo_url`: introspection alone decides; `force_introspection = yes` says so even if
 *   one is added later, as Dovecot's docs ask when `active_attribute` is used.
 * - `username_attribute = sub`: the test server's subject is the mailbox address, compared with the
 *   user name the client sent in the XOAUTH2/OAUTHBEARER string (`username_format = %Lu`, as the
 *   passwd-file passdb normalizes).
 * - `active_attribute = active`, `active_value = true`: a revoked or expired token answers
 *   `{"active":false}` with HTTP 200, which must fail the login.
 */
export function dovecotOauth2Config(introspection: DovecotOauth2Introspection): string {
  // Only URL-unreserved characters (RFC 3986 §2.3): whether Dovecot's URL parser percent-decodes
  // the user info is not something to find out from a failed login.
  for (const part of [introspection.clientId, introspection.clientSecret]) {
    if (!/^[\w.~-]+$/.test(part)) throw new Error('introspection client id and secret must be URL-unreserved characters');
  }
  const url = new URL(introspection.url);
  url.username = introspection.clientId;
  url.password = introspection.clientSecret;
  return `# Written by e2e/mail-stack/dovecot-config.ts for one test mail stack. Do not edit.
introspection_mode = post
introspection_url = ${url.href}
force_introspection = yes
username_attribute = sub
username_format = %Lu
active_attribute = active
active_value = true
timeout_msecs = 5000
`;
}

/** Dovecot 2.3's post-login capabilities less CONDSTORE and QRESYNC (RFC 7162). */
export const CAPABILITIES_WITHOUT_CONDSTORE =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS ' +
  'THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED ' +
  'I18NLEVEL=1 ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY ' +
  'PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE';

/**
 * Special-use mailboxes (RFC 6154) created and subscribed on first login, as on a
 * typical hosted mailbox, so folder-role detection is tested against the wire.
 */
const SPECIAL_USE = ['Sent', 'Drafts', 'Trash', 'Junk', 'Archive'] as const;

/**
 * The whole dovecot.conf of a private instance, for Dovecot **2.3** (Debian 12 ships
 * 2.3.19). Pure: the caller writes it and starts Dovecot.
 *
 * Nothing from /etc/dovecot is included, so the machine's own Dovecot (if any) and
 * this one cannot disturb each other. Dovecot 2.4 renamed most of these settings
 * (`disable_plaintext_auth` → `auth_allow_cleartext`, `mail_location` → `mail_driver`
 * + `mail_path`, `ssl_cert` → `ssl_server_cert_file`, named `passdb`/`userdb` blocks,
 * mandatory `dovecot_config_version`), so {@link assertSupportedVersion} refuses it
 * rather than start a half-understood config.
 */
export function dovecotConfig(l: DovecotLayout): string {
  const mailboxes = SPECIAL_USE.map((name) => `  mailbox ${name} {\n    special_use = \\${name}\n    auto = subscribe\n  }`).join(
    '\n',
  );
  return `# Written by e2e/mail-stack/dovecot-config.ts for one test mail stack. Do not edit.
instance_name = ${l.instanceName}
base_dir = ${l.baseDir}
state_dir = ${l.stateDir}
log_path = ${l.logPath}
protocols = imap lmtp
listen = ${l.host}

# STARTTLS on the IMAP port (and LMTP), implicit TLS on the IMAPS port.
ssl = yes
ssl_cert = <${l.certPath}
ssl_key = <${l.keyPath}

disable_plaintext_auth = ${l.allowPlaintextAuth ? 'no' : 'yes'}
${l.imapCapability ? `imap_capability = ${l.imapCapability}\n` : ''}auth_mechanisms = plain login${l.oauth2ConfigPath ? ' xoauth2 oauthbearer' : ''}
# Failed logins appear in the log with the reason: helps when a test fails on auth.
auth_verbose = yes
# Answer a wrong password at once instead of after the default 2 s: tests of the
# error path stay fast, and nothing here needs brute-force protection.
auth_failure_delay = 0

# One passwd-file for both databases. %Lu: users log in with the full, lower-cased address.
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu ${l.usersFile}
${l.oauth2ConfigPath ? '  mechanisms = plain login\n' : ''}}
${l.oauth2ConfigPath ? oauth2Passdb(l.oauth2ConfigPath) : ''}userdb {
  driver = passwd-file
  args = username_format=%Lu ${l.usersFile}
  # All users are the unprivileged uid 65534 (nobody), homes by domain and local part.
  default_fields = uid=65534 gid=65534 home=${l.mailDir}/%Ld/%Ln
}
mail_location = maildir:~/Maildir

namespace inbox {
  inbox = yes
  separator = /
${mailboxes}
}

# IMAP also on ::1: the certificate does not name it, so \`[::1]:port\` is how tests meet a
# certificate that does not match the server name (the "trust this certificate" journey).
service imap-login {
${l.highPerformanceLogin ? '  service_count = 0\n  process_min_avail = 2\n' : ''}  inet_listener imap {
    address = ${l.host}, ::1
    port = ${l.ports.imap}
  }
  inet_listener imaps {
    address = ${l.host}, ::1
    port = ${l.ports.imaps}
    ssl = yes
  }
}
${l.maxImapSessions ? sessionLimits(l.maxImapSessions) : ''}# LMTP over TCP (not the default unix socket) so any process can deliver, see smtp-relay.ts.
service lmtp {
  inet_listener lmtp {
    address = ${l.host}
    port = ${l.ports.lmtp}
  }
}
# Without this Dovecot delays each failed login more than the last (auth penalty,
# up to 15 s), and wrong-password tests would slow every later test down.
service anvil {
${l.maxImapSessions ? `  client_limit = ${2 * l.maxImapSessions + 100}\n` : ''}  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
}

/**
 * The second passdb: access tokens (XOAUTH2, OAUTHBEARER) are checked by introspection at the
 * authorization server, passwords never reach it (`mechanisms`), and tokens never reach the
 * passwd-file passdb. The userdb stays the passwd file: a token opens only an existing mailbox.
 */
function oauth2Passdb(configPath: string): string {
  return `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${configPath}
}
`;
}

/** Limits for `max` IMAP sessions (see {@link DovecotLayout.maxImapSessions}). */
function sessionLimits(max: number): string {
  // Every session also holds a connection to anvil (per-user counts, its client_limit is set
  // below) and one to the login process that proxies its TLS.
  return `default_client_limit = ${2 * max + 100}
service imap {
  process_limit = ${max}
}
`;
}

/**
 * Throws unless `dovecot --version` output is a 2.3.x release, the only syntax
 * {@link dovecotConfig} writes.
 */
export function assertSupportedVersion(versionOutput: string): void {
  const m = /^(\d+)\.(\d+)/.exec(versionOutput.trim());
  if (!m || m[1] !== '2' || m[2] !== '3') {
    throw new Error(
      `Dovecot "${versionOutput.trim()}" is installed; e2e/mail-stack/dovecot-config.ts ` +
        'writes 2.3 syntax only (2.4 renamed the settings, see its comment)',
    );
  }
}
