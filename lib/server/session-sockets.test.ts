import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { SESSIONS_REVOKED_TOPIC, type SessionRevoked } from '../auth/session-revocation.ts';
import { createInProcessBus } from '../events/in-process-bus.ts';
import { trackSessionSockets } from './session-sockets.ts';

/** A stand-in for a `ws` socket: records its close and emits `close` like ws does. */
function fakeSocket() {
  const emitter = new EventEmitter();
  const closed = new Promise<void>((resolve) => emitter.once('close', () => resolve()));
  const socket = {
    closed,
    closedWith: undefined as [number, string] | undefined,
    close(code: number, reason: string) {
      socket.closedWith = [code, reason];
      emitter.emit('close');
    },
    once: (event: 'close', listener: () => void) => emitter.once(event, listener),
  };
  return socket;
}

const later = new Date(Date.now() + 60_000);

test('a revocation closes exactly the sockets of that session, or of that user', { timeout: 10_000 }, async () => {
  const bus = createInProcessBus();
  const sockets = trackSessionSockets(bus);
  try {
    const [a1, a2, b] = [fakeSocket(), fakeSocket(), fakeSocket()];
    sockets.add(a1, { sessionTokenHash: 'a-1', userId: 'ann', expiresAt: later });
    sockets.add(a2, { sessionTokenHash: 'a-2', userId: 'ann', expiresAt: later });
    sockets.add(b, { sessionTokenHash: 'b-1', userId: 'bob', expiresAt: later });
    await bus.publish<SessionRevoked>(SESSIONS_REVOKED_TOPIC, { sessionTokenHash: 'a-1' });
    await a1.closed;
    assert.deepEqual(a1.closedWith, [4403, 'Session ended']);
    assert.equal(a2.closedWith, undefined);
    await bus.publish<SessionRevoked>(SESSIONS_REVOKED_TOPIC, { userId: 'ann' });
    await a2.closed;
    assert.equal(b.closedWith, undefined, "bob's socket stays open");
    assert.equal(sockets.size, 1);
  } finally {
    await sockets.stop();
    await bus.close();
  }
});

test('an expired session is closed at its next event or by the periodic check', async () => {
  const bus = createInProcessBus();
  let now = new Date();
  const sockets = trackSessionSockets(bus, { now: () => now, expiryCheckMs: 3_600_000 });
  try {
    const [soon, late] = [fakeSocket(), fakeSocket()];
    sockets.add(soon, { sessionTokenHash: 's', userId: 'u', expiresAt: new Date(now.getTime() + 1000) });
    sockets.add(late, { sessionTokenHash: 'l', userId: 'u', expiresAt: new Date(now.getTime() + 5000) });
    assert.equal(sockets.endIfExpired(soon), false);
    now = new Date(now.getTime() + 1000);
    assert.equal(sockets.endIfExpired(soon), true);
    assert.deepEqual(soon.closedWith, [4403, 'Session expired']);
    now = new Date(now.getTime() + 4000);
    sockets.closeExpired();
    assert.deepEqual(late.closedWith, [4403, 'Session expired']);
    assert.equal(sockets.size, 0);
  } finally {
    await sockets.stop();
    await bus.close();
  }
});
