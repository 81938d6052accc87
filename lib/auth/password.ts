import 'server-only';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's baseline).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** A real hash of a throwaway password: verifying against it keeps unknown-user sign-ins as slow as known ones. */
const dummyHash = hash('not-a-real-password-' + Math.random());

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** Minimum rules for a user's sign-in password. Returns the problem, or null. */
export function passwordProblem(password: string): string | null {
  // Eight spaces pass a length rule but protect nothing (issue 8, item 10).
  if (!password.trim()) return 'Password must not be only spaces.';
  if (password.length < 8) return 'Password must be at least 8 characters.';
  if (password.length > 256) return 'Password must be at most 256 characters.';
  return null;
}
