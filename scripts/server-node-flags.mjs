import fs from 'node:fs';

/** The flags in scripts/server-node-flags (why each: see there), for starting the server from Node. */
export function serverNodeFlags() {
  return fs
    .readFileSync(new URL('./server-node-flags', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}
