import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';

/**
 * The mail users of a test stack, kept in one dovecot `passwd-file`
 * (`alice@example.test:{PLAIN}secret::::::`) that Dovecot's passdb/userdb and the
 * SMTP submission server both read. A file, not an in-memory table, so a Playwright
 * worker in another process can add a user to a stack it only attached to.
 *
 * Dovecot re-reads the file by itself, with two catches (auth/db-passwd-file.c,
 * `passwd_file_sync`, 2.3):
 * - it stats the file at most once per second of its clock, and
 * - it reloads only if `st_mtime` (whole seconds) or `st_size` changed,
 *   so `secret1` → `secret2` within one second would go unseen.
 * {@link PasswdFile.set} therefore moves the mtime forward by at least one second
 * on every write and then waits until the wall clock has entered a new second:
 * the next login after it returns is guaranteed to see the change (≤ 1 s per write).
 */
export class PasswdFile {
  constructor(readonly path: string) {}

  /** email (lower-case) → plain-text password. A missing file is an empty table. */
  async read(): Promise<Map<string, string>> {
    return new Map([...(await this.entries())].map(([user, entry]) => [user, entry.password]));
  }

  /** email (lower-case) → password and, if set, the system uid its mail is stored under. */
  private async entries(): Promise<Map<string, PasswdEntry>> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw err;
    }
    const users = new Map<string, PasswdEntry>();
    for (const line of text.split('\n')) {
      const m = /^([^:#][^:]*):\{PLAIN\}([^:]*):(\d*)/.exec(line);
      if (m) users.set(m[1]!, { password: m[2]!, ...(m[3] ? { uid: Number(m[3]) } : {}) });
    }
    return users;
  }

  /** True when `email` exists and `password` is its password. */
  async check(email: string, password: string): Promise<boolean> {
    return (await this.read()).get(normalize(email)) === password;
  }

  /** Adds the user, or changes its password. Safe across processes (lock file). */
  async set(email: string, password: string): Promise<void> {
    await this.setMany([{ email, password }]);
  }

  /**
   * Adds or changes many users with one write, so one wait for Dovecot's stat gate (see the
   * class comment) instead of one per user: a load test adding 200 users takes 1 s, not 200.
   * A `uid` puts the user's mail under that system uid instead of the default 65534 (its home
   * must be writable by it, see MailStack.addUsers); an existing user keeps its uid otherwise.
   */
  async setMany(changes: ReadonlyArray<{ email: string; password: string; uid?: number }>): Promise<void> {
    for (const { email, password, uid } of changes) {
      if (!/^[^\s:@/]+@[^\s:@/]+$/.test(normalize(email))) throw new Error(`not a usable mail address: ${email}`);
      // The passwd-file format has no escaping: ':' would end the field, '\n' the line.
      if (/[:\r\n]/.test(password)) throw new Error('password must not contain ":" or line breaks');
      if (uid !== undefined && !(Number.isInteger(uid) && uid > 0)) throw new Error(`not a usable uid: ${uid}`);
    }

    await withLock(`${this.path}.lock`, async () => {
      const users = await this.entries();
      for (const { email, password, uid } of changes) {
        const kept = users.get(normalize(email))?.uid;
        const owner = uid ?? kept;
        users.set(normalize(email), { password, ...(owner !== undefined ? { uid: owner } : {}) });
      }
      // Fields: user:password:uid:gid:gecos:home:shell:extra. Empty uid/gid take userdb's default_fields.
      const text = [...users].map(([u, e]) => `${u}:{PLAIN}${e.password}:${e.uid ?? ''}:${e.uid ?? ''}::::\n`).join('');

      const oldMtime = await fs.stat(this.path).then(
        (s) => Math.floor(s.mtimeMs / 1000),
        () => 0,
      );
      const mtime = Math.max(Math.floor(Date.now() / 1000), oldMtime + 1);
      // Write beside and rename, so Dovecot never reads half a file.
      const tmp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}`;
      try {
        await fs.writeFile(tmp, text, { mode: 0o644 }); // Dovecot's auth process runs as user `dovecot`
        await fs.chmod(tmp, 0o644); // the umask may have narrowed the mode above
        await fs.utimes(tmp, mtime, mtime);
        await fs.rename(tmp, this.path);
      } finally {
        await fs.rm(tmp, { force: true });
      }
    });

    // Dovecot's once-per-second stat gate (see the class comment).
    const writtenIn = Math.floor(Date.now() / 1000);
    const wait = (writtenIn + 1) * 1000 - Date.now() + 5;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

interface PasswdEntry {
  password: string;
  uid?: number;
}

/** Dovecot looks users up with `username_format=%Lu`: lower-case, full address. */
function normalize(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Runs `fn` holding an exclusive lock file (`O_CREAT|O_EXCL`), so two workers adding
 * users at once cannot lose each other's line. A lock older than 10 s is taken to be
 * left by a crashed process and removed.
 */
async function withLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 15_000;
  let handle: fs.FileHandle | undefined;
  while (!handle) {
    try {
      handle = await fs.open(lockPath, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await fs.stat(lockPath).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 10_000) await fs.rm(lockPath, { force: true });
      else if (Date.now() > deadline) throw new Error(`could not lock ${lockPath}`, { cause: err });
      else await new Promise((r) => setTimeout(r, 10));
    }
  }
  try {
    return await fn();
  } finally {
    await handle.close();
    await fs.rm(lockPath, { force: true });
  }
}
