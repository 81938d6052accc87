import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createServer as createTlsServer } from 'node:tls';
import { createSelfSignedCert } from '../../../e2e/mail-stack/self-signed-cert.ts';
import { startHttpFixtureServer, type HttpFixtureServer } from '../discovery/fixtures/http-fixture-server.ts';
import { INTERNAL_SECRET, LOOPBACK_SPELLINGS, startInternalServer, type InternalServer } from './fixtures/internal-server.ts';
import { createFixtureInternet, PUBLIC_ADDRESS } from './fixtures/fixture-internet.ts';
import { fetchText } from './fetch-text.ts';
import { createOutboundGuard } from './outbound-guard.ts';
import { ConnectTargetBlockedError } from './resolve-and-check.ts';

// Issue 8 item 1: a public autoconfig host answering `302 Location: http://<internal>/` made the
// server fetch the internal URL, because Node skips a custom `lookup` for IP-literal hosts.

let internal: InternalServer;
let web: HttpFixtureServer;

before(async () => {
  internal = await startInternalServer();
  const routes: Parameters<typeof startHttpFixtureServer>[0] = {
    'public.test/ok.xml': { body: '<clientConfig/>' },
    'public.test/huge.xml': { body: 'x'.repeat(600 * 1024) },
    'public.test/missing.xml': { status: 404, body: 'nope' },
    'public.test/hop1': { status: 302, headers: { location: 'http://public.test/hop2' } },
    'public.test/hop2': { status: 302, headers: { location: '/ok.xml' } },
    'public.test/to-inside-name': { status: 302, headers: { location: 'http://inside.test/' } },
    'public.test/chain': { status: 302, headers: { location: '/hop1' } },
    'public.test/loop': { status: 302, headers: { location: '/loop' } },
    'public.test/via-public': { status: 301, headers: { location: 'http://public.test/to-127.0.0.1' } },
  };
  for (const spelling of LOOPBACK_SPELLINGS)
    routes[`public.test/to-${spelling}`] = {
      status: 302,
      headers: { location: `http://${spelling}:${internal.port}/admin?leak=1` },
    };
  web = await startHttpFixtureServer(routes);
});

after(async () => {
  await web?.close();
  await internal?.close();
});

function online(allowlist: string[] = []) {
  return createFixtureInternet({
    policy: { mode: 'online', allowlist },
    hosts: { 'public.test': [PUBLIC_ADDRESS], 'inside.test': ['10.1.2.3'] },
    servers: { [`${PUBLIC_ADDRESS}:80`]: web.port },
  });
}

const signal = () => AbortSignal.timeout(5000);

test('a redirect to the loopback host, in every spelling, is refused before any connection to it', async () => {
  const { network, dialled } = online();
  const guard = createOutboundGuard(network);
  for (const spelling of LOOPBACK_SPELLINGS) {
    await assert.rejects(fetchText(guard, `http://public.test/to-${spelling}`, { signal: signal() }), (error) => {
      assert.ok(error instanceof ConnectTargetBlockedError, `${spelling}: ${String(error)}`);
      assert.ok(['loopback', 'unspecified', 'reserved'].includes(error.range), `${spelling}: ${error.range}`);
      return true;
    });
  }
  assert.deepEqual(internal.hits, [], 'the internal server was never contacted');
  assert.ok(
    dialled.every((target) => target === `${PUBLIC_ADDRESS}:80`),
    dialled.join(' '),
  );
});

test('every hop is checked again: a public hop in between does not launder the internal one', async () => {
  const guard = createOutboundGuard(online().network);
  await assert.rejects(fetchText(guard, 'http://public.test/via-public', { signal: signal() }), ConnectTargetBlockedError);
  await assert.rejects(fetchText(guard, 'http://public.test/to-inside-name', { signal: signal() }), (error) => {
    assert.ok(error instanceof ConnectTargetBlockedError);
    assert.equal(error.address, '10.1.2.3', 'a name that resolves inside is refused like a literal');
    return true;
  });
  assert.deepEqual(internal.hits, []);
});

test('the same redirect does reach the internal server when an operator allowed it (the test can fail)', async () => {
  const guard = createOutboundGuard(online([`127.0.0.1:${internal.port}`]).network);
  const text = await fetchText(guard, 'http://public.test/to-127.0.0.1', { signal: signal() });
  assert.match(text, new RegExp(INTERNAL_SECRET));
  assert.equal(internal.hits.length, 1);
  internal.hits.length = 0;
  const bareHost = createOutboundGuard(online(['127.0.0.1']).network);
  await assert.rejects(
    fetchText(bareHost, 'http://public.test/to-127.0.0.1', { signal: signal() }),
    ConnectTargetBlockedError,
    'an entry without a port opens only the mail ports',
  );
  assert.deepEqual(internal.hits, []);
});

test('redirects are followed by hand, at most three', async () => {
  const guard = createOutboundGuard(online().network);
  assert.equal(await fetchText(guard, 'http://public.test/hop1', { signal: signal() }), '<clientConfig/>');
  assert.equal(await fetchText(guard, 'http://public.test/chain', { signal: signal() }), '<clientConfig/>', 'three hops');
  await assert.rejects(
    fetchText(guard, 'http://public.test/chain', { signal: signal(), maxRedirects: 2 }),
    /more than 2 redirects/,
  );
  await assert.rejects(fetchText(guard, 'http://public.test/loop', { signal: signal() }), /more than 3 redirects/);
});

test('2xx bodies only, with a size cap; HTTP errors, unknown names and other schemes are refused', async () => {
  const guard = createOutboundGuard(online().network);
  assert.equal(await fetchText(guard, 'http://public.test/ok.xml', { signal: signal() }), '<clientConfig/>');
  assert.equal(web.requests.at(-1), 'public.test/ok.xml', 'the name travels as the Host header');
  await assert.rejects(fetchText(guard, 'http://public.test/missing.xml', { signal: signal() }), /HTTP 404/);
  await assert.rejects(fetchText(guard, 'http://public.test/huge.xml', { signal: signal() }), /larger than/);
  await assert.rejects(fetchText(guard, 'http://nowhere.test/', { signal: signal() }), { code: 'ENOTFOUND' });
  await assert.rejects(fetchText(guard, 'file:///etc/passwd', { signal: signal() }), /not an HTTP/);
  await assert.rejects(fetchText(guard, 'http://public.test/ok.xml', { signal: AbortSignal.abort() }));
});

test('HTTPS goes to the checked address with the name as SNI, and the certificate is verified', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'fetch-tls-'));
  const cert = await createSelfSignedCert(dir);
  const names: string[] = [];
  const server = createTlsServer({
    key: await readFile(cert.keyPath),
    cert: cert.certPem,
    // The name the client asked for, seen during the handshake (the client then refuses the certificate).
    SNICallback: (name, done) => {
      names.push(name);
      done(null);
    },
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { network, dialled } = createFixtureInternet({
      policy: { mode: 'online' },
      hosts: { 'secure.test': [PUBLIC_ADDRESS] },
      servers: { [`${PUBLIC_ADDRESS}:443`]: (server.address() as AddressInfo).port },
    });
    // Self-signed, so Node's verification (left on) refuses it: the body is never read.
    await assert.rejects(fetchText(createOutboundGuard(network), 'https://secure.test/x', { signal: signal() }), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    assert.deepEqual(names, ['secure.test']);
    assert.deepEqual(dialled, [`${PUBLIC_ADDRESS}:443`]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  }
});
