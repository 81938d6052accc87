import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { loadSetupToken, removeSetupToken, setupTokenMatches } from './setup-token.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-setup-token-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the token is created once (0600), read again after a restart, and removed after setup', () => {
  const token = loadSetupToken(dir);
  assert.match(token, /^[A-Za-z0-9_-]{32}$/);
  assert.equal(fs.statSync(path.join(dir, 'setup-token')).mode & 0o777, 0o600);
  assert.equal(loadSetupToken(dir), token);
  removeSetupToken(dir);
  assert.notEqual(loadSetupToken(dir), token, 'a new installation gets a new token');
});

test('setupTokenMatches: only the exact token', () => {
  const token = loadSetupToken(dir);
  assert.equal(setupTokenMatches(token, token), true);
  assert.equal(setupTokenMatches(token, token.slice(0, -1)), false);
  assert.equal(setupTokenMatches(token, token + 'x'), false);
  assert.equal(setupTokenMatches(token, ''), false);
  assert.equal(setupTokenMatches(token, null), false);
  assert.equal(setupTokenMatches(undefined, 'anything'), false, 'no token known: nothing matches');
  assert.equal(setupTokenMatches(undefined, undefined), false);
});
