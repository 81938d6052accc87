// Whether `npm start` must run `next build` first (issue 8, item 22): when there is no build, or
// when the sources the pages are built from changed since the build (a `git pull`). A hash of
// those sources is stored beside the build (.next/source-hash) once a build succeeds.
//
//   node scripts/needs-build.mjs --check    exit 0 when the build is current, else say why and exit 1
//                                           (like `git diff --quiet`; a crash also means: build)
//   node scripts/needs-build.mjs --record   after a successful `next build`: store the hash
//
// Plain JavaScript with node built-ins only: it runs before anything else in scripts/start.sh.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the pages are built from: the app router tree, static files, Next's and TypeScript's
 * configuration, and the dependencies. Pages import only from app/ (their data comes through
 * GraphQL); scripts/needs-build.test.ts fails if an app file imports from anywhere else, so
 * this list cannot silently fall behind.
 */
export const BUILD_INPUTS = [
  'app',
  // The language of each request and the catalogs (next-intl's request config, see next.config.ts).
  'i18n',
  'messages',
  'public',
  'graphql/schema.graphql',
  'next.config.ts',
  'proxy.ts',
  'middleware.ts',
  'instrumentation.ts',
  'tsconfig.json',
  'postcss.config.mjs',
  'package.json',
  'package-lock.json',
  // The few lib/ modules pages import (pure, browser-safe; eslint allows only these).
  'lib/errors.ts',
  'lib/auth/safe-next-path.ts',
  // parseMailto and splitAddresses: the composer reads mailto links and pasted address lists.
  'lib/compose/parse-mailto.ts',
  // The attachment limit the composer shows and the server enforces (one calculation for both).
  'lib/compose/attachment-limit.ts',
];

/** Where the hash of the inputs of the current build is kept (`next build` empties .next/ first). */
export const HASH_FILE = '.next/source-hash';

/**
 * The decision, purely (house rule 1).
 * @param {{ hasBuild: boolean, recordedHash: string | undefined, currentHash: string }} state
 * @returns {{ build: boolean, reason: string }}
 */
export function decideBuild({ hasBuild, recordedHash, currentHash }) {
  if (!hasBuild) return { build: true, reason: 'no build yet' };
  if (!recordedHash) return { build: true, reason: 'the build does not say which sources it was made from' };
  if (recordedHash !== currentHash) return { build: true, reason: 'the sources changed since the last build' };
  return { build: false, reason: 'the build is current' };
}

/** SHA-256 over the path and bytes of every file of `BUILD_INPUTS` under `root`, in a stable order. */
export function hashBuildInputs(root, inputs = BUILD_INPUTS) {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => listFiles(root, input)).sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function listFiles(root, relative) {
  let stat;
  try {
    stat = fs.statSync(path.join(root, relative));
  } catch {
    return []; // an optional input that does not exist (no public/, no proxy.ts)
  }
  if (stat.isFile()) return [relative.split(path.sep).join('/')];
  if (!stat.isDirectory()) return [];
  return fs.readdirSync(path.join(root, relative)).flatMap((name) => listFiles(root, path.join(relative, name)));
}

/** The state of `root`'s build, read from disk. */
export function readBuildState(root) {
  const hasBuild = fs.existsSync(path.join(root, '.next', 'BUILD_ID'));
  let recordedHash;
  try {
    recordedHash = fs.readFileSync(path.join(root, HASH_FILE), 'utf8').trim() || undefined;
  } catch {
    recordedHash = undefined;
  }
  return { hasBuild, recordedHash, currentHash: hashBuildInputs(root) };
}

export function recordBuild(root) {
  fs.writeFileSync(path.join(root, HASH_FILE), hashBuildInputs(root) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const command = process.argv[2];
  if (command === '--record') {
    recordBuild(root);
  } else if (command === '--check') {
    const decision = decideBuild(readBuildState(root));
    console.log(decision.reason);
    process.exit(decision.build ? 1 : 0);
  } else {
    console.error('usage: node scripts/needs-build.mjs --check | --record');
    process.exit(2);
  }
}
