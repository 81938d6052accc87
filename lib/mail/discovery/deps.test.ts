import assert from 'node:assert/strict';
import { Resolver } from 'node:dns/promises';
import { test } from 'node:test';
import { createOutboundGuard } from '../network/outbound-guard.ts';
import { ConnectTargetBlockedError } from '../network/resolve-and-check.ts';
import { createDefaultDiscoveryDeps } from './deps.ts';
import { startHttpFixtureServer } from './fixtures/http-fixture-server.ts';
import { startMailGreetingServer } from './fixtures/mail-greeting-server.ts';

// These exercise the real defaults, against loopback servers only (onsite: the guard allows them).

const onsite = () => createOutboundGuard({ guard: { mode: 'onsite' } });

test('the defaults are the system resolver and the guard (nothing is called here)', () => {
  const deps = createDefaultDiscoveryDeps({ guard: onsite() });
  assert.ok(deps.dns instanceof Resolver);
});

test('fetchText returns 2xx bodies and refuses errors and oversized bodies', async () => {
  const http = await startHttpFixtureServer({
    '127.0.0.1/ok.xml': { body: '<clientConfig/>' },
    '127.0.0.1/huge.xml': { body: 'x'.repeat(600 * 1024) },
    '127.0.0.1/slow.xml': { hang: true },
  });
  try {
    const { fetchText } = createDefaultDiscoveryDeps({ guard: onsite() });
    const base = `http://127.0.0.1:${http.port}`;
    const signal = new AbortController().signal;
    assert.equal(await fetchText(`${base}/ok.xml`, { signal }), '<clientConfig/>');
    await assert.rejects(fetchText(`${base}/missing.xml`, { signal }), /HTTP 404/);
    await assert.rejects(fetchText(`${base}/huge.xml`, { signal }), /larger than/);
    await assert.rejects(fetchText(`${base}/slow.xml`, { signal: AbortSignal.timeout(100) }), /abort|timeout/i);
    const online = createDefaultDiscoveryDeps({ guard: createOutboundGuard({ guard: { mode: 'online' } }) });
    await assert.rejects(online.fetchText(`${base}/ok.xml`, { signal }), ConnectTargetBlockedError);
  } finally {
    await http.close();
  }
});

test('connect connects, and rejects on refusal, on abort, on a failed TLS handshake and through the guard', async () => {
  const imap = await startMailGreetingServer({ protocol: 'imap' });
  const silent = await startMailGreetingServer({ protocol: 'imap', silent: true });
  try {
    const { connect } = createDefaultDiscoveryDeps({ guard: onsite() });
    const signal = new AbortController().signal;
    const socket = await connect('127.0.0.1', imap.port, false, signal);
    try {
      const greeting = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      assert.match(greeting, /^\* OK/);
    } finally {
      socket.destroy();
    }
    await assert.rejects(connect('127.0.0.1', 1, false, signal), /ECONNREFUSED/);
    await assert.rejects(connect('127.0.0.1', imap.port, false, AbortSignal.abort()));
    // A plain server behind a "TLS" candidate: the handshake never completes, so abort ends it.
    await assert.rejects(connect('127.0.0.1', silent.port, true, AbortSignal.timeout(150)));
    await assert.rejects(
      connect('127.0.0.1', imap.port, true, AbortSignal.timeout(2000)),
      (error: Error) => !/timeout/i.test(error.name),
    );
    const online = createDefaultDiscoveryDeps({ guard: createOutboundGuard({ guard: { mode: 'online' } }) });
    const before = imap.connections;
    await assert.rejects(online.connect('127.0.0.1', imap.port, false, signal), ConnectTargetBlockedError);
    assert.equal(imap.connections, before, 'the online guard opened nothing');
  } finally {
    await imap.close();
    await silent.close();
  }
});
