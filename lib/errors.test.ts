import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { ERROR_CODES, type Remedy } from './errors.ts';

const REMEDIES: Remedy[] = [
  'sign_in',
  'correct_input',
  'reenter_password',
  'check_server_settings',
  'trust_certificate',
  'wait',
  'ask_operator',
];

test('every code in the one table has a message, a retry/report class and a known remedy', () => {
  for (const [code, info] of Object.entries(ERROR_CODES)) {
    assert.ok(info.userMessage.length > 0, code);
    assert.equal(typeof info.retry, 'boolean', code);
    assert.ok(REMEDIES.includes(info.remedy), `${code}: remedy ${String(info.remedy)}`);
  }
});

test('a code that needs a person (not retried) never has "wait" as its remedy', () => {
  for (const [code, info] of Object.entries(ERROR_CODES)) {
    if (!info.retry && code !== 'RATE_LIMITED') assert.notEqual(info.remedy, 'wait', code);
  }
});

test('the table stays importable by the browser: no imports at all', () => {
  // app/client/mail-error.ts imports this file; one server-only import here would put server code
  // (or a build error) into the page bundle.
  const source = fs.readFileSync(new URL('./errors.ts', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /^\s*import\s/m);
  assert.doesNotMatch(source, /\brequire\(|\bimport\(/);
});
