import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Marks `dir` as used by this process (`owner.pid`), so a second `startMailStack` on
 * the same kept dir (a second `npm run mail:dev`) fails instead of stopping the first
 * one's Dovecot. A pid file whose process is gone (killed with -9) is taken over: the
 * Dovecot it left behind is then stopped by startDovecot.
 *
 * @returns release: removes the mark if it is still ours.
 */
export async function claimDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, 'owner.pid');
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const owner = Number(await fs.readFile(file, 'utf8').catch(() => '0'));
      if (owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new Error(`${dir} is in use by the mail stack of process ${owner}`, { cause: err });
      }
      await fs.rm(file, { force: true });
    }
  }
  return async () => {
    const owner = await fs.readFile(file, 'utf8').catch(() => '');
    if (owner === String(process.pid)) await fs.rm(file, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
