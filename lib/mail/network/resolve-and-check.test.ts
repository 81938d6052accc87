import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnectTargetBlockedError, resolveAndCheck, type ResolveHost } from './resolve-and-check.ts';

const answers =
  (table: Record<string, string[]>): ResolveHost =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const resolveHost = answers({
  'mail.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'rebind.example.com': ['93.184.215.14', '169.254.169.254'],
  'internal.example.com': ['10.0.0.5'],
  'empty.example.com': [],
});

test('a public name resolves once and the first address is the one to connect to', async () => {
  assert.deepEqual(await resolveAndCheck('mail.example.com', 993, { mode: 'online', resolveHost }), {
    address: '93.184.215.14',
    family: 4,
  });
});

test('a name with any refused address is refused, naming the address', async () => {
  await assert.rejects(resolveAndCheck('rebind.example.com', 993, { mode: 'online', resolveHost }), (error) => {
    assert.ok(error instanceof ConnectTargetBlockedError);
    assert.equal(error.address, '169.254.169.254');
    assert.equal(error.range, 'link-local');
    assert.equal(error.hostname, 'rebind.example.com');
    return true;
  });
});

test('IP literals are checked without DNS; allowlist and onsite let them through', async () => {
  const noDns: ResolveHost = async () => assert.fail('no DNS for an IP literal');
  await assert.rejects(resolveAndCheck('127.0.0.1', 993, { mode: 'online', resolveHost: noDns }), ConnectTargetBlockedError);
  await assert.rejects(resolveAndCheck('::1', 993, { mode: 'online', resolveHost: noDns }), ConnectTargetBlockedError);
  assert.deepEqual(await resolveAndCheck('[::1]', 993, { mode: 'onsite', resolveHost: noDns }), { address: '::1', family: 6 });
  assert.deepEqual(await resolveAndCheck('127.0.0.1', 993, { mode: 'online', allowlist: ['127.0.0.1/32'], resolveHost: noDns }), {
    address: '127.0.0.1',
    family: 4,
  });
});

test('every spelling of an IPv4 literal is read as the address, never asked of DNS', async () => {
  const noDns: ResolveHost = async () => assert.fail('no DNS for an IP literal');
  for (const host of ['2130706433', '0x7f.1', '0177.0.0.1', '127.1', '[::ffff:127.0.0.1]', '0.0.0.0', '[::]'])
    await assert.rejects(resolveAndCheck(host, 80, { mode: 'online', resolveHost: noDns }), ConnectTargetBlockedError, host);
  assert.deepEqual(await resolveAndCheck('2130706433', 993, { mode: 'onsite', resolveHost: noDns }), {
    address: '127.0.0.1',
    family: 4,
  });
});

test('the port counts: an allowlist entry for another port does not let the connection through', async () => {
  const noDns: ResolveHost = async () => assert.fail('no DNS for an IP literal');
  const options = { mode: 'online' as const, allowlist: ['127.0.0.1:8025'], resolveHost: noDns };
  assert.deepEqual(await resolveAndCheck('127.0.0.1', 8025, options), { address: '127.0.0.1', family: 4 });
  await assert.rejects(resolveAndCheck('127.0.0.1', 8026, options), (error) => {
    assert.ok(error instanceof ConnectTargetBlockedError);
    assert.equal(error.port, 8026);
    return true;
  });
});

test('an allowlisted name may point inside', async () => {
  assert.deepEqual(
    await resolveAndCheck('internal.example.com', 993, { mode: 'online', allowlist: ['internal.example.com'], resolveHost }),
    {
      address: '10.0.0.5',
      family: 4,
    },
  );
});

test('DNS failures and empty answers reject with ENOTFOUND', async () => {
  await assert.rejects(resolveAndCheck('nowhere.example.com', 993, { mode: 'online', resolveHost }), { code: 'ENOTFOUND' });
  await assert.rejects(resolveAndCheck('empty.example.com', 993, { mode: 'online', resolveHost }), { code: 'ENOTFOUND' });
});
