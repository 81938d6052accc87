import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { canConnect, waitForPort } from './wait-for-port.ts';
import {
  assertSupportedVersion,
  dovecotConfig,
  dovecotOauth2Config,
  type DovecotLayout,
  type DovecotOauth2Introspection,
} from './dovecot-config.ts';

const run = promisify(execFile);

export interface DovecotOptions {
  /** The instance directory (exists): dovecot.conf, dovecot.log, state/, mail/ go here. */
  dir: string;
  /** @default '127.0.0.1' */
  host?: string;
  ports: { imap: number; imaps: number; lmtp: number };
  certPath: string;
  keyPath: string;
  usersFile: string;
  /** See {@link DovecotLayout.allowPlaintextAuth}. @default true */
  allowPlaintextAuth?: boolean;
  /** See {@link DovecotLayout.imapCapability}. */
  imapCapability?: string;
  /** See {@link DovecotLayout.highPerformanceLogin}. */
  highPerformanceLogin?: boolean;
  /** See {@link DovecotLayout.maxImapSessions}. */
  maxImapSessions?: number;
  /** Accept XOAUTH2/OAUTHBEARER tokens checked at this introspection endpoint (see dovecotOauth2Config). */
  oauth2?: DovecotOauth2Introspection;
}

/** What is needed to control a running instance, also from another process. */
export interface DovecotRef {
  confPath: string;
  instanceName: string;
  host: string;
  ports: { imap: number; imaps: number; lmtp: number };
  baseDir: string;
  logPath: string;
}

export interface Dovecot extends DovecotRef {
  /** Starts it again with the same config, ports and mail (after {@link Dovecot.stop}). */
  start(): Promise<void>;
  /** `doveadm stop`, then waits until no process of this instance is left. Idempotent. */
  stop(): Promise<void>;
  /** PIDs of this instance's processes (master and children), read from /proc. */
  processes(): Promise<number[]>;
  /** The last lines of dovecot.log, for error messages. */
  logTail(lines?: number): Promise<string>;
}

/**
 * Writes a private dovecot.conf into `opts.dir` and starts Dovecot with it
 * (`dovecot -c conf`, which daemonizes); resolves once IMAP, IMAPS and LMTP accept
 * connections (≈ 0.1 s).
 *
 * Runs as root, like this project's machines and CI: Dovecot then drops to the
 * users the Debian package created (`dovenull` for login processes, `dovecot`
 * for auth) and to uid 65534 for mail. The directories are made traversable for
 * them (0755) and the mail directory is chowned to 65534.
 */
export async function startDovecot(opts: DovecotOptions): Promise<Dovecot> {
  if (process.getuid?.() !== 0) {
    throw new Error('startDovecot must run as root: Dovecot switches to dovenull/dovecot/65534');
  }
  assertSupportedVersion((await run('dovecot', ['--version'])).stdout);

  const dir = path.resolve(opts.dir);
  const mailDir = path.join(dir, 'mail');
  const layout: DovecotLayout = {
    instanceName: `crm-mail-${createHash('sha256').update(dir).digest('hex').slice(0, 10)}`,
    host: opts.host ?? '127.0.0.1',
    ports: opts.ports,
    baseDir: shortBaseDir(dir),
    stateDir: path.join(dir, 'state'),
    logPath: path.join(dir, 'dovecot.log'),
    mailDir,
    usersFile: opts.usersFile,
    certPath: opts.certPath,
    keyPath: opts.keyPath,
    allowPlaintextAuth: opts.allowPlaintextAuth ?? true,
    ...(opts.imapCapability ? { imapCapability: opts.imapCapability } : {}),
    ...(opts.highPerformanceLogin ? { highPerformanceLogin: true } : {}),
    ...(opts.maxImapSessions ? { maxImapSessions: opts.maxImapSessions } : {}),
    ...(opts.oauth2 ? { oauth2ConfigPath: path.join(dir, 'dovecot-oauth2.conf.ext') } : {}),
  };
  await assertReachable(dir);
  if (opts.oauth2 && layout.oauth2ConfigPath) {
    // Read by the auth process (user `dovecot`); a test client's secret, nothing to hide.
    await fs.writeFile(layout.oauth2ConfigPath, dovecotOauth2Config(opts.oauth2), { mode: 0o644 });
  }
  await fs.chmod(dir, 0o755);
  await fs.mkdir(mailDir, { recursive: true });
  await fs.chown(mailDir, 65534, 65534);
  const confPath = path.join(dir, 'dovecot.conf');
  await fs.writeFile(confPath, dovecotConfig(layout));

  const dovecot = controlDovecot({
    confPath,
    instanceName: layout.instanceName,
    host: layout.host,
    ports: layout.ports,
    baseDir: layout.baseDir,
    logPath: layout.logPath,
  });
  // A previous run in the same dir (mail:dev killed with -9) may still be running:
  // Dovecot would refuse to start ("already running") on the same base_dir.
  await dovecot.stop();
  await dovecot.start();
  return dovecot;
}

/**
 * A handle on an instance started by {@link startDovecot}, possibly in another
 * process: everything it needs is in the config file on disk.
 */
export function controlDovecot(ref: DovecotRef): Dovecot {
  const titlePrefix = `dovecot-${ref.instanceName}/`;

  async function processes(): Promise<number[]> {
    const pids: number[] = [];
    for (const entry of await fs.readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const cmdline = await fs.readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
      // The master keeps its argv (`dovecot -c <conf>`); children retitle themselves
      // `dovecot-<instance_name>/<service>`.
      if (cmdline.startsWith(titlePrefix) || cmdline.split('\0').includes(ref.confPath)) {
        pids.push(Number(entry));
      }
    }
    return pids;
  }

  async function logTail(lines = 20): Promise<string> {
    const text = await fs.readFile(ref.logPath, 'utf8').catch(() => '');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  }

  async function start(): Promise<void> {
    // The daemonized master keeps the stdout/stderr it inherited, so a pipe would never
    // close and execFile would hang: send both to a file, read it if the start fails.
    const outPath = path.join(path.dirname(ref.logPath), 'dovecot.out');
    const out = await fs.open(outPath, 'w');
    try {
      const child = spawn('dovecot', ['-c', ref.confPath], { stdio: ['ignore', out.fd, out.fd] });
      const [code] = (await once(child, 'exit')) as [number | null];
      if (code !== 0) throw new Error(`dovecot exited with ${code}: ${await fs.readFile(outPath, 'utf8')}`);
      for (const port of Object.values(ref.ports)) await waitForPort(ref.host, port, 10_000);
    } catch (err) {
      throw new Error(`Dovecot did not start (${ref.confPath}):\n${await logTail()}`, { cause: err });
    } finally {
      await out.close();
    }
  }

  async function stop(): Promise<void> {
    if ((await processes()).length === 0) return;
    // `doveadm stop` signals the master and waits for it; the master takes 1–3 s
    // (it gives its log process a grace second).
    await run('doveadm', ['-c', ref.confPath, 'stop']).catch(() => undefined);
    const deadline = Date.now() + 10_000;
    let left = await processes();
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      left = await processes();
    }
    // Last resort, so a test run never leaves Dovecot behind; say so, it means a bug.
    for (const pid of left) {
      console.warn(`mail-stack: Dovecot process ${pid} outlived stop, killing it`);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const port of Object.values(ref.ports)) {
      if (await canConnect(ref.host, port)) throw new Error(`port ${port} still open after Dovecot stopped`);
    }
  }

  return { ...ref, start, stop, processes, logTail };
}

/**
 * Dovecot's auth process (user `dovecot`) and mail processes (uid 65534) must be able to
 * walk down to `dir`: a dir under /root (0700) fails later with an obscure log line.
 */
async function assertReachable(dir: string): Promise<void> {
  for (let p = path.dirname(dir); ; p = path.dirname(p)) {
    const { mode } = await fs.stat(p);
    if ((mode & 0o001) === 0) {
      throw new Error(`Dovecot's users cannot reach ${dir}: ${p} is not world-searchable (o+x); use another dir`);
    }
    if (p === path.dirname(p)) return;
  }
}

/**
 * `base_dir` holds unix sockets whose full path must fit in 108 bytes
 * (`sockaddr_un.sun_path`), the longest being ≈ 40 bytes below base_dir. A deep
 * `dir` gets a stable short directory in the system temp dir instead (stable so a
 * restart or another process finds the same sockets).
 */
function shortBaseDir(dir: string): string {
  const inside = path.join(dir, 'run');
  if (inside.length <= 60) return inside;
  return path.join(os.tmpdir(), `crm-dovecot-${createHash('sha256').update(dir).digest('hex').slice(0, 10)}`);
}
