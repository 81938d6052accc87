import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { secureDataDir } from './secure-data-dir.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-secure-dir-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const mode = (file: string) => fs.lstatSync(file).mode & 0o777;

test('creates a missing DATA_DIR (and its parents) 0700', () => {
  const dir = path.join(root, 'new', 'data');
  assert.deepEqual(secureDataDir(dir), { created: true, fixed: 0, exposed: 0 });
  assert.equal(mode(dir), 0o700);
  assert.equal(mode(path.dirname(dir)), 0o700);
});

test('tightens open directories and files below it, keeps the owner bits, and leaves links alone', () => {
  const dir = path.join(root, 'open');
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'sub', 'wal'), '');
  fs.writeFileSync(path.join(dir, 'run.sh'), '');
  const outside = path.join(root, 'outside.txt');
  fs.writeFileSync(outside, '');
  fs.symlinkSync(outside, path.join(dir, 'link'));
  fs.chmodSync(outside, 0o644);
  fs.chmodSync(dir, 0o777);
  fs.chmodSync(path.join(dir, 'sub'), 0o755);
  fs.chmodSync(path.join(dir, 'sub', 'wal'), 0o666);
  fs.chmodSync(path.join(dir, 'run.sh'), 0o755);

  assert.deepEqual(secureDataDir(dir), { created: false, fixed: 4, exposed: 4 });
  assert.equal(mode(dir), 0o700);
  assert.equal(mode(path.join(dir, 'sub')), 0o700);
  assert.equal(mode(path.join(dir, 'sub', 'wal')), 0o600);
  assert.equal(mode(path.join(dir, 'run.sh')), 0o700);
  assert.equal(mode(outside), 0o644, 'a link is not followed out of DATA_DIR');
  assert.deepEqual(secureDataDir(dir), { created: false, fixed: 0, exposed: 0 }, 'a private directory is left as it is');
});

test('open files inside a private directory (what PGlite leaves) are tightened, but were not exposed', () => {
  const dir = path.join(root, 'pglite-like');
  fs.mkdirSync(path.join(dir, 'base'), { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  fs.writeFileSync(path.join(dir, 'base', 'wal'), '');
  fs.chmodSync(path.join(dir, 'base', 'wal'), 0o666);
  assert.deepEqual(secureDataDir(dir), { created: false, fixed: 1, exposed: 0 });
  assert.equal(mode(path.join(dir, 'base', 'wal')), 0o600);
});
