import assert from 'node:assert/strict';
import { Resolver } from 'node:dns/promises';
import { test } from 'node:test';
import { connectSocket, createDefaultDiscoveryDeps, fetchTextWithLimit } from './deps.ts';
import { startHttpFixtureServer } from './fixtures/http-fixture-server.ts';
import { startMailGreetingServer } from './fixtures/mail-greeting-server.ts';

// These exercise the real defaults, against loopback servers only.

test('the defaults are the system resolver, fetch and sockets (nothing is called here)', () => {
  const deps = createDefaultDiscoveryDeps();
  assert.ok(deps.dns instanceof Resolver);
  assert.equal(deps.fetchText, fetchTextWithLimit);
  assert.equal(deps.connect, connectSocket);
});

test('fetchTextWithLimit returns 2xx bodies and refuses errors and oversized bodies', async () => {
  const http = await startHttpFixtureServer({
    '127.0.0.1/ok.xml': { body: '<clientConfig/>' },
    '127.0.0.1/huge.xml': { body: 'x'.repeat(600 * 1024) },
    '127.0.0.1/slow.xml': { hang: true },
  });
  try {
    const base = `http://127.0.0.1:${http.port}`;
    const signal = new AbortController().signal;
    assert.equal(await fetchTextWithLimit(`${base}/ok.xml`, { signal }), '<clientConfig/>');
    await assert.rejects(fetchTextWithLimit(`${base}/missing.xml`, { signal }), /HTTP 404/);
    await assert.rejects(fetchTextWithLimit(`${base}/huge.xml`, { signal }), /larger than/);
    await assert.rejects(fetchTextWithLimit(`${base}/slow.xml`, { signal: AbortSignal.timeout(100) }), /abort|timeout/i);
  } finally {
    await http.close();
  }
});

test('connectSocket connects, and rejects on refusal, on abort and on a failed TLS handshake', async () => {
  const imap = await startMailGreetingServer({ protocol: 'imap' });
  const silent = await startMailGreetingServer({ protocol: 'imap', silent: true });
  try {
    const signal = new AbortController().signal;
    const socket = await connectSocket('127.0.0.1', imap.port, false, signal);
    try {
      const greeting = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      assert.match(greeting, /^\* OK/);
    } finally {
      socket.destroy();
    }
    await assert.rejects(connectSocket('127.0.0.1', 1, false, signal), /ECONNREFUSED/);
    await assert.rejects(connectSocket('127.0.0.1', imap.port, false, AbortSignal.abort()));
    // A plain server behind a "TLS" candidate: the handshake never completes, so abort ends it.
    await assert.rejects(connectSocket('127.0.0.1', silent.port, true, AbortSignal.timeout(150)));
    await assert.rejects(
      connectSocket('127.0.0.1', imap.port, true, AbortSignal.timeout(2000)),
      (error: Error) => !/timeout/i.test(error.name),
    );
  } finally {
    await imap.close();
    await silent.close();
  }
});
