import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { CRASH_EXIT_CODE, installProcessPolicy } from './process-policy.ts';

function fakeProcess(shutdown: () => Promise<void> | undefined, graceMs = 5_000) {
  const target = new EventEmitter();
  const logged: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const log = {
    fatal: (fields: Record<string, unknown>, message: string) => logged.push({ level: 'fatal', fields, message }),
    error: (fields: Record<string, unknown>, message: string) => logged.push({ level: 'error', fields, message }),
    warn: (fields: Record<string, unknown>, message: string) => logged.push({ level: 'warn', fields, message }),
  };
  let exited: (code: number) => void;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  const uninstall = installProcessPolicy({ shutdown, graceMs, target, log: log as never, exit: (code) => exited(code) });
  return { target, logged, exit, uninstall };
}

describe('process policy', () => {
  test('an uncaught exception is logged with its origin, the server closed, and the process exits non-zero', async () => {
    let closed = 0;
    const proc = fakeProcess(async () => void (closed += 1));
    const error = new TypeError("Cannot read properties of null (reading 'write')");
    proc.target.emit('uncaughtException', error);
    assert.equal(await proc.exit, CRASH_EXIT_CODE);
    assert.notEqual(CRASH_EXIT_CODE, 0);
    assert.equal(closed, 1);
    assert.equal(proc.logged[0]?.level, 'fatal');
    assert.deepEqual(proc.logged[0]?.fields, { err: error, origin: 'uncaughtException' });
    proc.uninstall();
    assert.equal(proc.target.listenerCount('uncaughtException'), 0);
  });

  test('an unhandled rejection is a crash too; a second error while closing is only logged', async () => {
    let finishClose!: () => void;
    let closes = 0;
    const proc = fakeProcess(() => {
      closes += 1;
      return new Promise<void>((resolve) => (finishClose = resolve));
    });
    proc.target.emit('unhandledRejection', new Error('first'));
    proc.target.emit('uncaughtException', new Error('second'));
    finishClose();
    assert.equal(await proc.exit, CRASH_EXIT_CODE);
    assert.equal(closes, 1);
    assert.deepEqual(
      proc.logged.map((l) => [l.level, l.fields.origin]),
      [
        ['fatal', 'unhandledRejection'],
        ['error', 'uncaughtException'],
      ],
    );
    proc.uninstall();
  });

  test('a rejection left behind by a lost database connection is a warning, not a crash; anything else still is', async () => {
    let closes = 0;
    const proc = fakeProcess(async () => void (closes += 1));
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const closedConnection = Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' });
    proc.target.emit('unhandledRejection', terminated);
    proc.target.emit('unhandledRejection', closedConnection);
    assert.equal(closes, 0);
    assert.deepEqual(
      proc.logged.map((l) => l.level),
      ['warn', 'warn'],
    );
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    proc.target.emit('unhandledRejection', unique);
    assert.equal(await proc.exit, CRASH_EXIT_CODE);
    assert.equal(closes, 1);
    assert.equal(proc.logged.at(-1)?.level, 'fatal');
    proc.uninstall();
  });

  test('a shutdown that hangs does not keep the process alive past the grace period', async () => {
    const proc = fakeProcess(() => new Promise<void>(() => {}), 50);
    proc.target.emit('uncaughtException', new Error('boom'));
    assert.equal(await proc.exit, CRASH_EXIT_CODE);
    assert.match(proc.logged.at(-1)!.message, /did not finish in time/);
    proc.uninstall();
  });

  test('a crash before the server is up (nothing to close yet) still exits non-zero', async () => {
    const proc = fakeProcess(() => undefined);
    proc.target.emit('uncaughtException', new Error('during start'));
    assert.equal(await proc.exit, CRASH_EXIT_CODE);
    proc.uninstall();
  });

  for (const kind of ['exception', 'rejection']) {
    test(`a real process with Next-like global handlers: an async ${kind} is logged and ends it non-zero`, async () => {
      const entry = fileURLToPath(new URL('./fixtures/crash-entry.ts', import.meta.url));
      // As the server runs: server-only modules allowed (the bundle does the same).
      const registerServerOnly = fileURLToPath(new URL('../../scripts/register-server-only.mjs', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', '--import', registerServerOnly, entry, kind], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      // Only a guard against hanging forever (the bug): the assertion is the exit code.
      const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      clearTimeout(guard);
      assert.equal(code, CRASH_EXIT_CODE, out);
      const fatal = out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; origin?: string; err?: { message?: string } })
        .find((line) => line.level === 60);
      assert.ok(fatal, `a fatal log line:\n${out}`);
      assert.equal(fatal.origin, kind === 'rejection' ? 'unhandledRejection' : 'uncaughtException');
      assert.match(fatal.err?.message ?? '', kind === 'rejection' ? /nobody awaited/ : /reading 'write'/);
      assert.match(out, /graceful shutdown ran/);
    });
  }
});
