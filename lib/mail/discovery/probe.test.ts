import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { test } from 'node:test';
import type { Connect } from './deps.ts';
import { startDnsFixtureServer } from './fixtures/dns-fixture-server.ts';
import { createFixtureNetwork } from './fixtures/fixture-network.ts';
import { startMailGreetingServer, type MailGreetingServer } from './fixtures/mail-greeting-server.ts';
import { guessCandidates, guessServers, MAX_PROBES } from './probe.ts';
import { probeServer } from './probe-server.ts';
import { withTimeout } from './with-timeout.ts';

const loopback = { A: ['127.0.0.1'] };

test('guessCandidates: Thunderbird names and ports, TLS first, never more than the cap', () => {
  const { imap, smtp } = guessCandidates('example.test');
  assert.deepEqual(
    imap.map((c) => `${c.host}:${c.port}${c.tls ? '/tls' : ''}`),
    [
      'imap.example.test:993/tls',
      'imap.example.test:143',
      'mail.example.test:993/tls',
      'mail.example.test:143',
      'example.test:993/tls',
      'example.test:143',
    ],
  );
  assert.deepEqual(
    smtp.map((c) => `${c.host}:${c.port}${c.tls ? '/tls' : ''}`),
    [
      'smtp.example.test:465/tls',
      'smtp.example.test:587',
      'mail.example.test:465/tls',
      'mail.example.test:587',
      'example.test:465/tls',
      'example.test:587',
    ],
  );
  assert.ok(imap.length + smtp.length <= MAX_PROBES);
});

/** Runs `body` with greeting servers started from `specs`; they are closed however it ends. */
async function withServers(
  specs: Parameters<typeof startMailGreetingServer>[0][],
  body: (servers: MailGreetingServer[]) => Promise<void>,
): Promise<void> {
  const servers: MailGreetingServer[] = [];
  try {
    for (const spec of specs) servers.push(await startMailGreetingServer(spec));
    await body(servers);
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}

/** A Connect that always reaches one loopback port. */
const local =
  (port: number): Connect =>
  (_host, _port, _tls, signal) =>
    new Promise<Duplex>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, signal });
      socket.once('error', reject);
      socket.once('connect', () => resolve(socket));
    });

test('probeServer reads IMAP and SMTP greetings and sees STARTTLS', async () => {
  await withServers(
    [
      { protocol: 'imap' },
      { protocol: 'imap', capabilityInGreeting: true, starttls: false },
      { protocol: 'smtp' },
      { protocol: 'smtp', starttls: false },
    ],
    async ([imap, imapNoTls, smtp, smtpNoTls]) => {
      const signal = new AbortController().signal;
      const plain = (kind: 'imap' | 'smtp', port: number) =>
        probeServer({ kind, host: 'h.test', port: 143, tls: false }, local(port), signal);
      assert.deepEqual(await plain('imap', imap!.port), { host: 'h.test', port: 143, ssl: false, starttls: true });
      assert.deepEqual(await plain('imap', imapNoTls!.port), { host: 'h.test', port: 143, ssl: false, starttls: false });
      assert.deepEqual(await plain('smtp', smtp!.port), { host: 'h.test', port: 143, ssl: false, starttls: true });
      assert.deepEqual(await plain('smtp', smtpNoTls!.port), { host: 'h.test', port: 143, ssl: false, starttls: false });
      const tls = await probeServer({ kind: 'imap', host: 'h.test', port: 993, tls: true }, local(imap!.port), signal);
      assert.deepEqual(tls, { host: 'h.test', port: 993, ssl: true, starttls: false });
      assert.equal(await plain('imap', smtp!.port), null, 'an SMTP server is not an IMAP server');
      assert.equal(await plain('smtp', imap!.port), null, 'and the other way round');
    },
  );
});

test('a silent server is cut off by the probe timeout', async () => {
  await withServers([{ protocol: 'imap', silent: true }], async ([silent]) => {
    const started = Date.now();
    const probe = withTimeout(
      (s) => probeServer({ kind: 'imap', host: 'h.test', port: 993, tls: true }, local(silent!.port), s),
      100,
    );
    assert.equal(await probe(new AbortController().signal), null);
    assert.ok(Date.now() - started < 1000);
  });
});

test('guessServers: best rank wins, secure beats cleartext, names without A records are not probed', async () => {
  await withServers(
    [{ protocol: 'imap', starttls: false }, { protocol: 'imap' }, { protocol: 'smtp' }, { protocol: 'smtp' }],
    async ([imapCleartext, imapTls, smtp587, smtp465]) => {
      const dns = await startDnsFixtureServer({ 'imap.g.test': loopback, 'mail.g.test': loopback, 'smtp.g.test': loopback });
      try {
        const { deps, connected } = createFixtureNetwork({
          dns,
          httpPort: 1,
          mailPorts: {
            'imap.g.test:143': imapCleartext!.port, // best-ranked answer, but no STARTTLS
            'mail.g.test:993': imapTls!.port,
            'smtp.g.test:587': smtp587!.port,
            'mail.g.test:465': smtp465!.port,
          },
        });
        const found = await guessServers('g.test', 'al@g.test', deps, { probeTimeoutMs: 500 }, new AbortController().signal);
        assert.deepEqual(found, {
          imap: { host: 'mail.g.test', port: 993, ssl: true, starttls: false, username: 'al@g.test' },
          smtp: { host: 'smtp.g.test', port: 587, ssl: false, starttls: true, username: 'al@g.test' },
        });
        assert.ok(!connected.some((target) => target.startsWith('g.test:')), 'the bare domain has no A record: not probed');
      } finally {
        await dns.close();
      }
    },
  );
});

test('guessServers: cleartext is the last resort; concurrency and total probes are capped', async () => {
  await withServers(
    [
      { protocol: 'imap', silent: true },
      { protocol: 'imap', starttls: false },
    ],
    async ([silent, cleartext]) => {
      const dns = await startDnsFixtureServer({
        'imap.c.test': loopback,
        'smtp.c.test': loopback,
        'mail.c.test': loopback,
        'c.test': loopback,
      });
      try {
        const mailPorts: Record<string, number> = {};
        const { imap, smtp } = guessCandidates('c.test');
        for (const c of [...imap, ...smtp]) mailPorts[`${c.host}:${c.port}`] = silent!.port;
        mailPorts['c.test:143'] = cleartext!.port;
        const network = createFixtureNetwork({ dns, httpPort: 1, mailPorts });
        let active = 0;
        let peak = 0;
        const counting: Connect = async (...args) => {
          const socket = await network.deps.connect(...args);
          peak = Math.max(peak, ++active);
          socket.once('close', () => active--);
          return socket;
        };
        const started = Date.now();
        const found = await guessServers(
          'c.test',
          'a@c.test',
          { ...network.deps, connect: counting },
          { probeTimeoutMs: 150 },
          new AbortController().signal,
        );
        assert.equal(found, null, 'SMTP never answered');
        assert.ok(peak <= 4, `at most 4 connections at once, saw ${peak}`);
        assert.equal(network.connected.length, MAX_PROBES);
        assert.ok(Date.now() - started < 2000);
      } finally {
        await dns.close();
      }
    },
  );
});
