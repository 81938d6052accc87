import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createFixtureInternet, PUBLIC_ADDRESS } from './fixtures/fixture-internet.ts';
import { createOutboundGuard } from './outbound-guard.ts';
import { ConnectTargetBlockedError } from './resolve-and-check.ts';

test('dial() opens sockets only to targets check() returned', async () => {
  const guard = createOutboundGuard({ guard: { mode: 'onsite' } });
  assert.throws(
    () => guard.dial({ host: '127.0.0.1', port: 1, address: '127.0.0.1', family: 4 }),
    /only a target that check\(\) returned/,
  );
  const target = await guard.check('127.0.0.1', 1);
  assert.throws(() => guard.dial({ ...target }), /only a target/, 'a copy is not the checked target');
});

test('the default dial connects to the checked address, and the socket is the real one', async () => {
  const peers: string[] = [];
  const server = createServer((socket: Socket) => {
    peers.push(socket.localAddress ?? '');
    socket.on('error', () => {}); // the client hangs up at once
    socket.end('hello\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    const guard = createOutboundGuard({ guard: { mode: 'online', allowlist: [`127.0.0.1:${port}`] } });
    const socket = await guard.connect('2130706433', port, { tls: false, signal: AbortSignal.timeout(5000) });
    socket.destroy();
    assert.deepEqual(peers, ['127.0.0.1']);
    await assert.rejects(
      guard.connect('127.0.0.1', port === 65535 ? 1 : port + 1, { tls: false, signal: AbortSignal.timeout(5000) }),
      ConnectTargetBlockedError,
      'the allowlist names one port',
    );
    assert.equal(peers.length, 1);
  } finally {
    server.close();
  }
});

test('the guard judges the address DNS claims, for the port asked', async () => {
  const { network, dialled } = createFixtureInternet({
    policy: { mode: 'online' },
    hosts: { 'mail.public.test': [PUBLIC_ADDRESS], 'rebind.test': [PUBLIC_ADDRESS, '169.254.169.254'] },
    servers: {},
  });
  const guard = createOutboundGuard(network);
  assert.deepEqual(await guard.check('mail.public.test', 993), {
    host: 'mail.public.test',
    port: 993,
    address: PUBLIC_ADDRESS,
    family: 4,
  });
  await assert.rejects(
    guard.connect('rebind.test', 993, { tls: true, signal: AbortSignal.timeout(5000) }),
    ConnectTargetBlockedError,
  );
  await assert.rejects(guard.connect('[::1]', 993, { tls: false, signal: AbortSignal.timeout(5000) }), ConnectTargetBlockedError);
  await assert.rejects(guard.connect('mail.public.test', 993, { tls: false, signal: AbortSignal.timeout(5000) }), /ECONNREFUSED/);
  assert.deepEqual(dialled, [`${PUBLIC_ADDRESS}:993`]);
});
