import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The one-time setup token (issue 8, item 22). Until the first administrator exists, anyone
 * who can reach `/setup` could create them, and the default `HOST=0.0.0.0` makes that the whole
 * network. So a request from elsewhere than the server's own machine must carry this token,
 * which only someone who sees the server's console (or its DATA_DIR) knows: the server prints
 * `/setup?token=…` at start. It lives in `DATA_DIR/setup-token` (0600), so it survives a restart
 * and processes sharing a DATA_DIR agree on it; it is deleted once setup is done.
 */
const FILE = 'setup-token';

/** Reads the token, creating it on first use (24 random bytes, base64url). */
export function loadSetupToken(dataDir: string): string {
  const file = path.join(dataDir, FILE);
  try {
    fs.writeFileSync(file, randomBytes(24).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** Setup is done: the token opens nothing any more. */
export function removeSetupToken(dataDir: string): void {
  fs.rmSync(path.join(dataDir, FILE), { force: true });
}

/**
 * Compares in constant time. Both sides are hashed first, so the comparison takes the same
 * time whatever the given token's length (`timingSafeEqual` needs equal lengths).
 */
export function setupTokenMatches(expected: string | undefined, given: string | null | undefined): boolean {
  if (!expected || !given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
