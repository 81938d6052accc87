// Issue 8, item 4: the embedded database (PGlite) must not be readable by other local users.
// Checked for real: another user (nobody, via setpriv) tries to read the files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices } from './create-services.ts';
import { tenants } from '../../db/schema/index.ts';

const NOBODY = 65534;
const canSwitchUser = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;

const asNobody = (...command: string[]) =>
  spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...command], { encoding: 'utf8' });

/** True when user `nobody` can read `file` (every directory on the way must let it through). */
const readableByOthers = (file: string) => asNobody('cat', file).status === 0;

/** The files under `dir` that user `nobody` can reach and read (find stops at a directory it cannot enter). */
const filesReadableByOthers = (dir: string) =>
  asNobody('find', dir, '-type', 'f', '-readable').stdout.split('\n').filter(Boolean);

const mode = (file: string) => fs.statSync(file).mode & 0o777;

const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-data-dir-'));
after(() => fs.rmSync(parent, { recursive: true, force: true }));

test('a world-open DATA_DIR is made private at start, and the database files stay unreadable to others', async (t) => {
  const dataDir = path.join(parent, 'data');
  fs.mkdirSync(dataDir);
  fs.chmodSync(dataDir, 0o777);
  const leftover = path.join(dataDir, 'notes.txt');
  fs.writeFileSync(leftover, 'left by an earlier version');
  fs.chmodSync(leftover, 0o666);
  fs.chmodSync(parent, 0o755); // only DATA_DIR itself may keep others out
  if (canSwitchUser) assert.ok(readableByOthers(leftover), 'the precondition: others can read it before the start');

  const services = await createServices(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: '' }));
  try {
    assert.equal(mode(dataDir), 0o700);
    assert.equal(mode(leftover), 0o600);
    assert.equal(mode(path.join(dataDir, 'mail-credentials.key')), 0o600);
    // Writes after the start: PGlite keeps creating files (WAL segments) with its own modes.
    await services.database.db.insert(tenants).values(Array.from({ length: 200 }, (_, i) => ({ name: `t${i}`.repeat(200) })));
  } finally {
    await services.close();
  }
  assert.equal(mode(dataDir), 0o700, 'DATA_DIR stays private: it is what protects files PGlite creates later');
  assert.ok(fs.readdirSync(path.join(dataDir, 'pglite')).length > 0, 'PGlite wrote its files');
  if (!canSwitchUser) return t.skip('needs root and setpriv to try reading as another user');
  assert.deepEqual(filesReadableByOthers(dataDir), [], 'no file in DATA_DIR can be read by another user');
});
