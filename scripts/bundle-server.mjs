// Bundles the server (and the parse worker it starts) into plain ES modules in dist/, so the
// production process runs without a TypeScript loader: `node --import tsx` adds a module-hooks
// thread with its own V8 heap (≈ 35 MiB RSS measured here on Node 20) and compiles every file on
// start. Packages stay external (node_modules is there at run time); `server-only` becomes an
// empty module, as scripts/register-server-only.mjs does for the tsx runs.
//
//   node scripts/bundle-server.mjs                      → dist/server.mjs + dist/parse-worker.mjs
//   bundleServer({ entries: {...}, outdir })            → the same for other entries (bench:sync)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The parse worker must sit beside whatever bundle starts it (lib/mail/mime/parser-pool.ts). */
const PARSE_WORKER = { 'parse-worker': 'lib/mail/mime/parse-worker.ts' };

/** @param {{ entries: Record<string, string>, outdir: string }} options */
export async function bundleServer({ entries, outdir }) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries({ ...entries, ...PARSE_WORKER }).map(([k, v]) => [k, path.resolve(root, v)])),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    // Written below, file by file through a rename: a server already running from this checkout
    // that starts a parse worker meanwhile never loads a half-written file.
    write: false,
    plugins: [
      {
        name: 'server-only',
        setup(b) {
          b.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty' }));
          b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
        },
      },
    ],
  });
  fs.mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
  }
}

// Run as a script; not when bundled into something else (import.meta.url is then that bundle's).
if (process.argv[1] && path.basename(process.argv[1]) === 'bundle-server.mjs') {
  const started = Date.now();
  await bundleServer({ entries: { server: 'server.ts' }, outdir: path.join(root, 'dist') });
  console.log(`bundle-server: dist/server.mjs in ${Date.now() - started} ms`);
}
