import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../errors.ts';
import type { DiscoveryDeps } from './deps.ts';
import { discoverMailSettings } from './discover-mail-settings.ts';

/** Deps that fail the test if discovery touches them. */
const untouchable: DiscoveryDeps = {
  dns: {
    resolveMx: () => assert.fail('no MX lookup expected'),
    resolveSrv: () => assert.fail('no SRV lookup expected'),
  },
  fetchText: () => assert.fail('no fetch expected'),
  connect: () => assert.fail('no connection expected'),
};

test('a provider-table domain answers at once, without any network', async () => {
  const settings = await discoverMailSettings('  Alice@GMail.com ', untouchable);
  assert.equal(settings?.source, 'provider');
  assert.equal(settings?.provider?.id, 'google');
  assert.equal(settings?.imap.username, 'Alice@GMail.com', 'user name as typed, trimmed');
});

test('addresses without a usable domain are refused as bad input', async () => {
  for (const email of ['', 'alice', 'alice@', '@example.com', 'alice@localhost', 'al ice@example.com', 'alice@exa mple.com']) {
    await assert.rejects(
      discoverMailSettings(email, untouchable),
      (error) => isAppError(error) && error.code === 'BAD_USER_INPUT' && error.field === 'email',
      JSON.stringify(email),
    );
  }
});

test('international domains are looked up in ASCII', async () => {
  const asked: string[] = [];
  const deps: DiscoveryDeps = {
    dns: {
      resolveMx: async (name) => (asked.push(`MX ${name}`), []),
      resolveSrv: async (name) => (asked.push(`SRV ${name}`), []),
      resolve4: async (name) => (asked.push(`A ${name}`), []),
    },
    fetchText: async (url) => {
      asked.push(url);
      throw new Error('404');
    },
    connect: () => assert.fail('nothing exists, so nothing is probed'),
  };
  assert.equal(await discoverMailSettings('jörg@bücher.example', deps, { timeoutMs: 500 }), null);
  assert.ok(asked.includes('MX xn--bcher-kva.example'));
  assert.ok(asked.includes('SRV _imaps._tcp.xn--bcher-kva.example'));
  assert.ok(asked.includes('A imap.xn--bcher-kva.example'));
  assert.ok(asked.some((url) => url.startsWith('https://autoconfig.xn--bcher-kva.example/')));
});

test('the caller aborting stops discovery with null', async () => {
  const hang = () => new Promise<never>(() => {});
  const deps: DiscoveryDeps = { dns: { resolveMx: hang, resolveSrv: hang }, fetchText: hang, connect: hang };
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const started = Date.now();
  assert.equal(await discoverMailSettings('a@example.test', deps, { signal: controller.signal }), null);
  assert.ok(Date.now() - started < 1000);
});
