import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { BUILD_INPUTS, decideBuild, hashBuildInputs, readBuildState, recordBuild } from './needs-build.mjs';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-needs-build-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeFile(root: string, file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

describe('npm start: rebuild the pages when their sources changed', () => {
  test('decideBuild', () => {
    assert.deepEqual(decideBuild({ hasBuild: false, recordedHash: undefined, currentHash: 'a' }), {
      build: true,
      reason: 'no build yet',
    });
    assert.equal(
      decideBuild({ hasBuild: true, recordedHash: undefined, currentHash: 'a' }).build,
      true,
      'a build from before this check',
    );
    assert.deepEqual(decideBuild({ hasBuild: true, recordedHash: 'a', currentHash: 'b' }), {
      build: true,
      reason: 'the sources changed since the last build',
    });
    assert.equal(decideBuild({ hasBuild: true, recordedHash: 'a', currentHash: 'a' }).build, false);
  });

  test('after a pull that changes a page, the recorded build is stale; server-only code does not count', () => {
    const root = path.join(tmp, 'clone');
    writeFile(root, 'app/page.tsx', 'export default function Page() {}');
    writeFile(root, 'graphql/schema.graphql', 'type Query { a: Int }');
    writeFile(root, 'lib/sync/runner.ts', 'export {}');
    writeFile(root, 'package-lock.json', '{}');
    assert.equal(decideBuild(readBuildState(root)).build, true, 'fresh clone');

    writeFile(root, '.next/BUILD_ID', 'x'); // what `next build` leaves
    recordBuild(root);
    assert.deepEqual(decideBuild(readBuildState(root)), { build: false, reason: 'the build is current' });

    writeFile(root, 'lib/sync/runner.ts', 'export const changed = 1;');
    assert.equal(decideBuild(readBuildState(root)).build, false, 'the server is bundled on every start anyway');

    for (const [file, text] of [
      ['app/page.tsx', 'export default function Page() { return 1; }'],
      ['app/(auth)/new/page.tsx', 'export default function New() {}'],
      ['graphql/schema.graphql', 'type Query { a: Int b: Int }'],
      ['package-lock.json', '{"v":2}'],
    ] as const) {
      const before = hashBuildInputs(root);
      writeFile(root, file, text);
      assert.notEqual(hashBuildInputs(root), before, file);
      assert.equal(decideBuild(readBuildState(root)).build, true, `${file} changed`);
      recordBuild(root);
    }
  });

  test('pages import only from the build inputs (else BUILD_INPUTS must grow)', () => {
    const inputs = BUILD_INPUTS.map((input) => path.join(projectRoot, input));
    const inside = (file: string) =>
      inputs.some((input) => [file, `${file}.ts`, `${file}.tsx`].includes(input) || file.startsWith(input + path.sep));
    const outside: string[] = [];
    const files = fs
      .readdirSync(path.join(projectRoot, 'app'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(tsx?|css)$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name));
    assert.ok(files.length > 5);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        let target: string | undefined;
        if (specifier!.startsWith('.')) target = path.resolve(path.dirname(file), specifier!);
        else if (specifier!.startsWith('@/')) target = path.join(projectRoot, specifier!.slice(2));
        if (target && !inside(target)) outside.push(`${path.relative(projectRoot, file)} → ${specifier}`);
      }
    }
    assert.deepEqual(outside, []);
  });
});
