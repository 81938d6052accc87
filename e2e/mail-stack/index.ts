/**
 * The test mail stack: a private Dovecot (IMAP, IMAPS, LMTP) and an SMTP submission
 * server that delivers into it, both on loopback with one self-signed certificate.
 *
 *   const stack = await startMailStack();
 *   try { await stack.addUser('alice@example.test', 'secret'); … } finally { await stack.stop(); }
 *
 * A Playwright globalSetup starts one stack and puts `describeMailStack(stack)` into
 * `process.env.MAIL_STACK_JSON`; workers call `attachMailStack()` to add users, deliver
 * and read mail in the same stack. Needs root (see dovecot.ts).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  attachAuthorizationServer,
  startAuthorizationServer,
  type AttachedAuthorizationServer,
  type AuthorizationServer,
  type AuthorizationServerDescription,
  type AuthorizationServerOptions,
} from '../oauth-stack/authorization-server.ts';
import { introspectToken } from '../oauth-stack/introspect-token.ts';
import { claimDir } from './claim-dir.ts';
import { deliverOverLmtp } from './deliver-over-lmtp.ts';
import { guardProcessExit } from './exit-guard.ts';
import { controlDovecot, startDovecot, type Dovecot, type DovecotRef } from './dovecot.ts';
import { freePorts } from './free-port.ts';
import { PasswdFile } from './passwd-file.ts';
import { readMailbox, type StoredMessage } from './read-mailbox.ts';
import { createSelfSignedCert } from './self-signed-cert.ts';
import { startSmtpServer, type SmtpRelayBehaviour, type SmtpServerHandle } from './smtp-relay.ts';

export type { StoredMessage } from './read-mailbox.ts';
export type { SmtpRelayBehaviour } from './smtp-relay.ts';

/** A second submission server a journey controls (see {@link AttachedMailStack.startSmtpRelay}). */
export interface SmtpRelay {
  /** Its ports: SMTP with STARTTLS and implicit TLS; the same after a stop and start. */
  ports: { smtp: number; smtps: number };
  /** Stops listening (clients get "connection refused"); open sessions are closed within 1 s. */
  stop(): Promise<void>;
  /** Listens again on the same ports. */
  start(): Promise<void>;
}

/** The env var through which a Playwright globalSetup hands the stack to workers. */
export const MAIL_STACK_ENV = 'MAIL_STACK_JSON';

export interface MailStackPorts {
  /** IMAP with STARTTLS (RFC 3501 §6.2.1). */
  imap: number;
  /** IMAP over implicit TLS (RFC 8314). */
  imaps: number;
  /** Dovecot LMTP (RFC 2033), plain, for delivering test mail. */
  lmtp: number;
  /** SMTP submission with STARTTLS (RFC 6409). */
  smtp: number;
  /** SMTP submission over implicit TLS (RFC 8314). */
  smtps: number;
}

export interface MailStackOptions {
  /** Keep config, users and mail here (kept after stop). @default a fresh temp dir, removed on stop */
  dir?: string;
  /** Allow IMAP LOGIN and SMTP AUTH before TLS. @default true */
  allowPlaintextAuth?: boolean;
  /** Fixed ports (mail:dev wants stable ones); the rest are chosen free. */
  ports?: Partial<MailStackPorts>;
  /** Dovecot's post-login CAPABILITY instead of its own (see dovecot-config.ts). */
  imapCapability?: string;
  /** Dovecot's high-performance login mode (see dovecot-config.ts). @default false */
  highPerformanceLogin?: boolean;
  /** Simultaneous IMAP sessions Dovecot serves (see dovecot-config.ts). @default Dovecot's 100 */
  maxImapSessions?: number;
  /**
   * Start the local OAuth authorization server too (e2e/oauth-stack), for the same users, and let
   * Dovecot (XOAUTH2, OAUTHBEARER) and the SMTP server (XOAUTH2) accept its access tokens besides
   * passwords. `true` for its defaults. @default false
   */
  oauth?: boolean | Omit<AuthorizationServerOptions, 'checkPassword'>;
}

/** What a process that only attached to a stack can do with it. */
export interface AttachedMailStack {
  /** '127.0.0.1'; '127.0.0.2' when `allowPlaintextAuth` is false (see startMailStack). */
  host: string;
  ports: MailStackPorts;
  /** The self-signed cert (SAN localhost, 127.0.0.1, 127.0.0.2), for `tls: { ca }` in clients. */
  certPem: string;
  dir: string;
  /** Adds a user (full address). Re-adding with the same password is a no-op. */
  addUser(email: string, password: string): Promise<void>;
  setPassword(email: string, password: string): Promise<void>;
  /**
   * Adds many users with one write of the users file (addUser waits ≈ 1 s per user, see
   * passwd-file.ts). A `uid` stores that user's mail under that system uid instead of 65534:
   * Dovecot gives each uid at most 128 inotify instances (fs.inotify.max_user_instances), and an
   * IDLE session beyond them is told of new mail by 30 s polling, so load tests spread sessions
   * over several uids. Existing users get the new password.
   */
  addUsers(users: ReadonlyArray<{ email: string; password: string; uid?: number }>): Promise<void>;
  /** Delivers a raw message to local users over LMTP; resolves once stored. */
  deliver(to: string | string[], raw: string | Buffer): Promise<void>;
  /** @param folder @default 'INBOX' */
  readMailbox(email: string, password: string, folder?: string): Promise<StoredMessage[]>;
  /** Stops and starts Dovecot with the same ports, users and mail. */
  restartDovecot(): Promise<void>;
  /** The local authorization server, when started with `oauth` (its issuer, clients and test controls). */
  oauth?: AttachedAuthorizationServer;
  /**
   * Another submission server like the stack's, in the calling process, on free ports of its own,
   * delivering into the same Dovecot with the same certificate and users: a journey stops and
   * starts it (an account's SMTP server down and back) or makes it refuse or hold replies. The
   * caller stops it (`finally`).
   */
  startSmtpRelay(behaviour?: SmtpRelayBehaviour): Promise<SmtpRelay>;
}

export interface MailStack extends AttachedMailStack {
  /** Stops both servers (no Dovecot process left) and removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

/** JSON-serializable: everything {@link attachMailStack} needs. */
export interface MailStackDescription {
  host: string;
  ports: MailStackPorts;
  certPem: string;
  dir: string;
  usersFile: string;
  dovecot: DovecotRef;
  oauth?: AuthorizationServerDescription;
}

const descriptions = new WeakMap<AttachedMailStack, MailStackDescription>();

export async function startMailStack(opts: MailStackOptions = {}): Promise<MailStack> {
  const ownsDir = !opts.dir;
  const dir = opts.dir ? path.resolve(opts.dir) : await fsp.mkdtemp(path.join(os.tmpdir(), 'crm-mail-'));
  await fsp.mkdir(dir, { recursive: true });
  const releaseDir = await claimDir(dir);
  const allowPlaintextAuth = opts.allowPlaintextAuth ?? true;

  let dovecot: Dovecot | undefined;
  let smtp: SmtpServerHandle | undefined;
  let oauth: AuthorizationServer | undefined;
  const cleanUp = async () => {
    try {
      await smtp?.stop();
      await oauth?.stop();
    } finally {
      try {
        await dovecot?.stop();
      } finally {
        if (dovecot && !dovecot.baseDir.startsWith(dir + path.sep)) {
          await fsp.rm(dovecot.baseDir, { recursive: true, force: true });
        }
        await releaseDir();
        if (ownsDir) await fsp.rm(dir, { recursive: true, force: true });
      }
    }
  };
  // If the process ends without stop() (a test crashed, Ctrl-C), do not leave Dovecot
  // behind: signal its master, which stops its children. The temp dir stays: removing
  // files under a daemon that is still exiting helps no one.
  const releaseGuard = guardProcessExit(() => {
    if (!dovecot) return;
    const pid = Number(fs.readFileSync(path.join(dovecot.baseDir, 'master.pid'), 'utf8'));
    if (pid > 0) process.kill(pid, 'SIGTERM');
  });

  try {
    // Dovecot counts a client whose IP equals its own as secure (login-common/client-common.c:
    // `secured = ssl || trusted || remote_ip == local_ip`) and then allows plaintext LOGIN
    // whatever disable_plaintext_auth says. On 127.0.0.2 the client's address is still
    // 127.0.0.1 (the kernel's source for all of 127/8), so strict mode is really strict.
    const host = allowPlaintextAuth ? '127.0.0.1' : '127.0.0.2';
    const cert = await createSelfSignedCert(dir);
    const free = await freePorts(5, host);
    const ports: MailStackPorts = {
      imap: opts.ports?.imap ?? free[0]!,
      imaps: opts.ports?.imaps ?? free[1]!,
      lmtp: opts.ports?.lmtp ?? free[2]!,
      smtp: opts.ports?.smtp ?? free[3]!,
      smtps: opts.ports?.smtps ?? free[4]!,
    };
    const usersFile = path.join(dir, 'users');
    // Dovecot's auth process (user `dovecot`) reads it: it must exist and be readable.
    await fsp.appendFile(usersFile, '', { mode: 0o644 });
    if (opts.oauth) {
      const users = new PasswdFile(usersFile);
      oauth = await startAuthorizationServer({
        ...(opts.oauth === true ? {} : opts.oauth),
        checkPassword: (email, password) => users.check(email, password),
      });
    }

    dovecot = await startDovecot({
      dir,
      host,
      ports: { imap: ports.imap, imaps: ports.imaps, lmtp: ports.lmtp },
      certPath: cert.certPath,
      keyPath: cert.keyPath,
      usersFile,
      allowPlaintextAuth,
      ...(opts.imapCapability ? { imapCapability: opts.imapCapability } : {}),
      ...(opts.highPerformanceLogin ? { highPerformanceLogin: true } : {}),
      ...(opts.maxImapSessions ? { maxImapSessions: opts.maxImapSessions } : {}),
      ...(oauth
        ? {
            oauth2: {
              url: oauth.introspectionUrl,
              clientId: oauth.introspector.clientId,
              clientSecret: oauth.introspector.clientSecret,
            },
          }
        : {}),
    });
    const authorizationServer = oauth;
    smtp = await startSmtpServer({
      host,
      ports: { smtp: ports.smtp, smtps: ports.smtps },
      certPem: cert.certPem,
      keyPem: await fsp.readFile(cert.keyPath, 'utf8'),
      users: new PasswdFile(usersFile),
      lmtp: { host, port: ports.lmtp },
      outboundDir: path.join(dir, 'outbound'),
      allowInsecureAuth: allowPlaintextAuth,
      ...(authorizationServer ? { introspect: (token: string) => introspectToken(authorizationServer, token) } : {}),
    });

    const desc: MailStackDescription = {
      host,
      ports,
      certPem: cert.certPem,
      dir,
      usersFile,
      dovecot: {
        confPath: dovecot.confPath,
        instanceName: dovecot.instanceName,
        host: dovecot.host,
        ports: dovecot.ports,
        baseDir: dovecot.baseDir,
        logPath: dovecot.logPath,
      },
      ...(oauth
        ? {
            oauth: {
              issuer: oauth.issuer,
              clients: oauth.clients,
              introspector: oauth.introspector,
              introspectionUrl: oauth.introspectionUrl,
              controlToken: oauth.controlToken,
            },
          }
        : {}),
    };
    let stopping: Promise<void> | undefined;
    const stack: MailStack = {
      ...attachMailStack(desc),
      stop: () => {
        stopping ??= cleanUp().finally(releaseGuard);
        return stopping;
      },
    };
    descriptions.set(stack, desc);
    return stack;
  } catch (err) {
    await cleanUp().catch(() => undefined);
    releaseGuard();
    throw err;
  }
}

/** For `process.env[MAIL_STACK_ENV] = JSON.stringify(describeMailStack(stack))`. */
export function describeMailStack(stack: AttachedMailStack): MailStackDescription {
  const desc = descriptions.get(stack);
  if (!desc) throw new Error('not a stack from startMailStack/attachMailStack');
  return desc;
}

/**
 * A stack another process started. Without an argument it reads
 * `process.env.MAIL_STACK_JSON`. Users live in the shared passwd file, so a user added
 * here can log in to Dovecot and the SMTP server of the owning process at once.
 */
export function attachMailStack(
  desc: MailStackDescription | string | undefined = process.env[MAIL_STACK_ENV],
): AttachedMailStack {
  if (desc === undefined) throw new Error(`${MAIL_STACK_ENV} is not set: start the stack in globalSetup first`);
  const d: MailStackDescription = typeof desc === 'string' ? (JSON.parse(desc) as MailStackDescription) : desc;
  const users = new PasswdFile(d.usersFile);
  const dovecot = controlDovecot(d.dovecot);

  const stack: AttachedMailStack = {
    host: d.host,
    ports: d.ports,
    certPem: d.certPem,
    dir: d.dir,
    async addUser(email, password) {
      const existing = (await users.read()).get(email.trim().toLowerCase());
      if (existing === password) return;
      if (existing !== undefined) throw new Error(`${email} exists with another password: use setPassword`);
      await users.set(email, password);
    },
    async setPassword(email, password) {
      if (!(await users.read()).has(email.trim().toLowerCase())) throw new Error(`no such user: ${email}`);
      await users.set(email, password);
    },
    async addUsers(list) {
      // The home must exist and belong to the uid before the first login: Dovecot creates it as
      // the user, inside a domain directory made by (and only writable for) whoever came first.
      for (const { email, uid } of list) {
        if (uid === undefined) continue;
        const [local, domain] = email.trim().toLowerCase().split('@') as [string, string];
        const domainDir = path.join(d.dir, 'mail', domain);
        await fsp.mkdir(domainDir, { recursive: true, mode: 0o755 });
        await fsp.mkdir(path.join(domainDir, local), { recursive: true, mode: 0o700 });
        await fsp.chown(path.join(domainDir, local), uid, uid);
      }
      await users.setMany(list);
    },
    async deliver(to, raw) {
      await deliverOverLmtp(
        { host: d.host, port: d.ports.lmtp },
        { from: senderOf(raw), to: Array.isArray(to) ? to : [to], raw },
      );
    },
    readMailbox: (email, password, folder) =>
      readMailbox({ host: d.host, port: d.ports.imaps, certPem: d.certPem }, email, password, folder),
    async restartDovecot() {
      await dovecot.stop();
      await dovecot.start();
    },
    ...(d.oauth ? { oauth: attachAuthorizationServer(d.oauth) } : {}),
    async startSmtpRelay(behaviour) {
      const [smtpPort, smtpsPort] = await freePorts(2, d.host);
      const ports = { smtp: smtpPort!, smtps: smtpsPort! };
      const keyPem = await fsp.readFile(path.join(d.dir, 'key.pem'), 'utf8');
      const listen = () =>
        startSmtpServer({
          host: d.host,
          ports,
          certPem: d.certPem,
          keyPem,
          users,
          lmtp: { host: d.host, port: d.ports.lmtp },
          outboundDir: path.join(d.dir, 'outbound'),
          ...(behaviour ? { behaviour } : {}),
        });
      let running: SmtpServerHandle | undefined = await listen();
      return {
        ports,
        async stop() {
          const handle = running;
          running = undefined;
          await handle?.stop();
        },
        async start() {
          running ??= await listen();
        },
      };
    },
  };
  descriptions.set(stack, d);
  return stack;
}

/**
 * The envelope sender for LMTP: the address in the message's From header, so the
 * Return-Path Dovecot adds looks like a real delivery; `''` (null sender) if none.
 */
function senderOf(raw: string | Buffer): string {
  const text = typeof raw === 'string' ? raw : raw.subarray(0, 64 * 1024).toString('latin1');
  const head = text.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const from = /^from:(.*)$/im.exec(head)?.[1] ?? '';
  return /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? /([^\s<>,;"]+@[^\s<>,;"]+)/.exec(from)?.[1] ?? '';
}
