import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../lib/config.ts';

/** What `secureDataDir` did. */
export interface SecureDataDirResult {
  created: boolean;
  /** Entries whose mode was tightened; PGlite's own 0666 files inside a private directory count here. */
  fixed: number;
  /** Of those, the ones other users could actually reach (every directory above let them through): worth a warning. */
  exposed: number;
}

/**
 * Makes `DATA_DIR` private to this user before anything is written into it (issue 8, item 4):
 * the directory 0700, every directory below it 0700 and every file 0600. It holds the embedded
 * database (its WAL carries mail text and password hashes) and the mail credentials key.
 *
 * PGlite creates its files 0666 whatever the process umask (STACK-NOTES; checked again for
 * issue 8: with umask 077 its files are still 0666, only its directories follow the umask), and
 * it keeps creating WAL segments while running. So the guarantee is the 0700 directory: nobody
 * else can enter it, whatever the modes of the files created later inside it. The files are
 * tightened too, so a directory copied elsewhere or opened up by mistake does not leak them.
 *
 * A directory (or entry) owned by another user cannot be fixed by us and is refused with one
 * line naming the variable. Symbolic links are left alone (chmod would follow them out of the
 * tree).
 */
export function secureDataDir(dataDir: string): SecureDataDirResult {
  const created = !fs.existsSync(dataDir);
  // `mode` applies to every directory `recursive` creates (and is further narrowed by the umask).
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const uid = process.getuid?.();
  if (uid === undefined) return { created, fixed: 0, exposed: 0 }; // Windows: no POSIX modes to speak of
  let fixed = 0;
  let exposed = 0;
  /** `reachable`: other users can get to `entry` (the directories above it let them search). */
  const visit = (entry: string, stat: fs.Stats, reachable: boolean) => {
    if (stat.isSymbolicLink()) return;
    if ((stat.mode & 0o077) !== 0) {
      if (reachable) exposed += 1;
      try {
        fs.chmodSync(entry, stat.isDirectory() ? 0o700 : stat.mode & 0o700);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
        throw new ConfigError(
          'DATA_DIR',
          `${entry} is accessible to other users and belongs to uid ${stat.uid}, not to this process (uid ${uid}), ` +
            `so its mode cannot be fixed: run the server as its owner, or run chmod -R go-rwx ${dataDir}`,
        );
      }
      fixed += 1;
    }
    if (stat.isDirectory()) {
      const childrenReachable = reachable && (stat.mode & 0o011) !== 0;
      for (const name of fs.readdirSync(entry)) {
        const child = path.join(entry, name);
        visit(child, fs.lstatSync(child), childrenReachable);
      }
    }
  };
  // DATA_DIR's parents are assumed searchable (they usually are: /home/x, /var/lib, /tmp).
  visit(dataDir, fs.statSync(dataDir), true);
  return { created, fixed, exposed };
}
