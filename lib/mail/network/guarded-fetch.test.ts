import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { startInternalServer, type InternalServer } from './fixtures/internal-server.ts';
import { createFixtureInternet, PUBLIC_ADDRESS } from './fixtures/fixture-internet.ts';
import { createGuardedFetch } from './guarded-fetch.ts';
import { createOutboundGuard } from './outbound-guard.ts';
import { ConnectTargetBlockedError } from './resolve-and-check.ts';

// openid-client's customFetch (issue 13): token requests are POSTs with a form body, OAuth errors
// are 400s with JSON the library must read, and redirects must come back, not be followed.

let internal: InternalServer;
let web: Server;
let webPort: number;
const seen: Array<{ method: string; path: string; host: string; type: string; body: string }> = [];

before(async () => {
  internal = await startInternalServer();
  web = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      seen.push({
        method: req.method ?? '',
        path,
        host: req.headers.host ?? '',
        type: req.headers['content-type'] ?? '',
        body: Buffer.concat(chunks).toString(),
      });
      if (path === '/token') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":"invalid_grant"}');
      } else if (path === '/to-inside') {
        res.writeHead(302, { location: `http://127.0.0.1:${internal.port}/` });
        res.end();
      } else if (path === '/huge') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('x'.repeat(300 * 1024));
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', () => resolve()));
  webPort = (web.address() as AddressInfo).port;
});
after(async () => {
  web?.closeAllConnections();
  await new Promise<void>((resolve) => (web ? web.close(() => resolve()) : resolve()));
  await internal?.close();
});

function internet() {
  return createFixtureInternet({
    policy: { mode: 'online' },
    hosts: { 'oauth.test': [PUBLIC_ADDRESS] },
    servers: { [`${PUBLIC_ADDRESS}:80`]: webPort },
  });
}

test('a form POST reaches the checked address with the name as Host; an error status is a Response, not a throw', async () => {
  const { network, dialled } = internet();
  const fetch = createGuardedFetch(createOutboundGuard(network));
  const res = await fetch('http://oauth.test/token', {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r1' }),
  });
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), { error: 'invalid_grant' });
  assert.deepEqual(dialled, [`${PUBLIC_ADDRESS}:80`]);
  const request = seen.at(-1)!;
  assert.deepEqual(
    [request.method, request.host, request.type, request.body],
    ['POST', 'oauth.test', 'application/x-www-form-urlencoded;charset=UTF-8', 'grant_type=refresh_token&refresh_token=r1'],
  );
});

test('a redirect is handed back, never followed: the loopback target gets no connection', async () => {
  const { network, dialled } = internet();
  const res = await createGuardedFetch(createOutboundGuard(network))('http://oauth.test/to-inside');
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), `http://127.0.0.1:${internal.port}/`);
  assert.deepEqual(dialled, [`${PUBLIC_ADDRESS}:80`]);
  assert.deepEqual(internal.hits, []);
});

test('a loopback URL is refused before connecting, and an answer over maxBytes is refused', async () => {
  const { network, dialled } = internet();
  const fetch = createGuardedFetch(createOutboundGuard(network), { maxBytes: 256 * 1024 });
  await assert.rejects(fetch(`http://127.0.0.1:${internal.port}/token`), ConnectTargetBlockedError);
  assert.deepEqual(dialled, []);
  await assert.rejects(fetch('http://oauth.test/huge'), /larger than 262144 bytes/);
});
