import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadCredentialsKey } from './mail-credentials-key.ts';
import { open, seal } from './secret-box.ts';

test('a generated key is kept in the data dir and reused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-key-'));
  try {
    const first = loadCredentialsKey(undefined, dir);
    const second = loadCredentialsKey(undefined, dir);
    assert.equal(first.key.length, 32);
    assert.deepEqual(first.key, second.key);
    assert.equal(fs.statSync(path.join(dir, 'mail-credentials.key')).mode & 0o777, 0o600);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('seal/open round-trips, IVs differ, tampering and wrong keys fail', () => {
  const key = loadCredentialsKey(Buffer.alloc(32, 1).toString('base64'), '/nonexistent');
  const a = seal('pässword', key);
  const b = seal('pässword', key);
  assert.notEqual(a.data, b.data);
  assert.equal(open(a, key), 'pässword');
  const tampered = Buffer.from(a.data, 'base64');
  tampered[14] = (tampered[14] ?? 0) ^ 1;
  assert.throws(() => open({ ...a, data: tampered.toString('base64') }, key));
  const other = loadCredentialsKey(Buffer.alloc(32, 2).toString('base64'), '/nonexistent');
  assert.throws(() => open(a, other), /sealed with key/);
});
