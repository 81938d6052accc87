import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding package.json, found by walking up from this module. The same code runs
 * from its sources (lib/…, under tsx) and from the bundle (dist/server.mjs), which sit at
 * different depths, so paths to db/migrations or the Next app are taken from here, never from a
 * module's own location.
 */
export const projectRoot: string = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
