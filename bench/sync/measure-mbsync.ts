/**
 * A peer: `mbsync` (isync) pulling the same mailbox over IMAPS into an empty Maildir, as a
 * mature, fast IMAP client that keeps every message's source would. Each pass gets a fresh
 * Maildir and sync state, so it always fetches every message, and writes them with
 * `FSync yes` (isync's default: each message is fsync'd before its UID is recorded).
 *
 * mbsync has no date window (isync 1.4 knows `MaxMessages`, not SINCE), so it fetches the whole
 * of INBOX and Sent; the corpus spans 179.5 days, so that is exactly the 180-day window.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { BenchMailbox } from './bench-imap.ts';
import { BENCH_FOLDERS } from './measure-floor.ts';

const run = promisify(execFile);

export interface MbsyncResult {
  /** `mbsync --version`, e.g. "isync 1.4.4". */
  version: string;
  /** Message files in the Maildir after the pass. */
  messages: number;
  /** Their bytes on disk (as mbsync stores them: CRLF → LF). */
  bytes: number;
  /** Process start to exit: TLS connect, login, fetch, write and fsync every message. */
  ms: number;
}

/** Null when `mbsync` is not installed (Debian package `isync`). */
export async function mbsyncVersion(): Promise<string | null> {
  try {
    const { stdout } = await run('mbsync', ['--version']);
    return stdout.trim();
  } catch {
    return null;
  }
}

/** One timed pull of {@link BENCH_FOLDERS} into a fresh temp Maildir, removed afterwards. */
export async function measureMbsync(mailbox: BenchMailbox, version: string): Promise<MbsyncResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-mbsync-'));
  try {
    const caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, mailbox.certPem);
    const maildir = path.join(dir, 'Maildir');
    fs.mkdirSync(maildir);
    const configFile = path.join(dir, 'mbsyncrc');
    fs.writeFileSync(configFile, mbsyncConfig({ mailbox, caFile, maildir, stateDir: path.join(dir, 'state') }), { mode: 0o600 });
    fs.mkdirSync(path.join(dir, 'state'));
    const started = performance.now();
    await run('mbsync', ['--quiet', '--config', configFile, 'bench'], { maxBuffer: 1024 * 1024 });
    const ms = performance.now() - started;
    const { messages, bytes } = countMaildir(maildir);
    return { version, messages, bytes, ms };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The mbsyncrc (isync 1.4 syntax): implicit TLS to the bench Dovecot, trusting only its
 * self-signed certificate, pull only, nothing written back to the server. `Host localhost`, not
 * the address: isync 1.4 matches the host against the certificate's DNS names only, never its IP
 * SANs; the stack's Dovecot listens on 127.0.0.1 and ::1 alike, so either resolution reaches it.
 */
function mbsyncConfig(o: { mailbox: BenchMailbox; caFile: string; maildir: string; stateDir: string }): string {
  const quote = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return `FSync yes

IMAPAccount bench
Host localhost
Port ${o.mailbox.imapsPort}
User ${quote(o.mailbox.email)}
Pass ${quote(o.mailbox.password)}
SSLType IMAPS
CertificateFile ${quote(o.caFile)}
SystemCertificates no

IMAPStore bench-remote
Account bench

MaildirStore bench-local
Path ${quote(o.maildir + '/')}
Inbox ${quote(path.join(o.maildir, 'INBOX'))}
SubFolders Verbatim

Channel bench
Far :bench-remote:
Near :bench-local:
Patterns ${BENCH_FOLDERS.join(' ')}
Create Near
Sync Pull
Expunge None
Remove None
SyncState ${quote(o.stateDir + '/')}
`;
}

/** Files in every `cur` and `new` below `dir`, and their bytes. */
function countMaildir(dir: string): { messages: number; bytes: number } {
  let messages = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const parent = path.basename(entry.parentPath);
    if (parent !== 'cur' && parent !== 'new') continue;
    messages++;
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { messages, bytes };
}
