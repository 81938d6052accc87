import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dovecotConfig, type DovecotLayout } from './dovecot-config.ts';

const layout: DovecotLayout = {
  instanceName: 'crm-mail-test',
  host: '127.0.0.1',
  ports: { imap: 1143, imaps: 1993, lmtp: 1024 },
  baseDir: '/run/crm-test',
  stateDir: '/tmp/crm-test/state',
  logPath: '/tmp/crm-test/dovecot.log',
  mailDir: '/tmp/crm-test/mail',
  usersFile: '/tmp/crm-test/users',
  certPath: '/tmp/crm-test/cert.pem',
  keyPath: '/tmp/crm-test/key.pem',
  allowPlaintextAuth: true,
};

/** The body of `service imap-login { … }` up to its first listener. */
function loginServiceHead(config: string): string {
  const m = /^service imap-login \{\n([\s\S]*?)\s*inet_listener imap \{/m.exec(config);
  assert.ok(m, 'config has a service imap-login block');
  return m[1]!;
}

test('high-performance login mode: service_count = 0 with processes kept ready, inside imap-login', () => {
  const head = loginServiceHead(dovecotConfig({ ...layout, highPerformanceLogin: true }));
  assert.match(head, /^\s*service_count = 0$/m);
  assert.match(head, /^\s*process_min_avail = 2$/m);
});

test("by default Dovecot's own login mode: one process per connection", () => {
  const config = dovecotConfig(layout);
  assert.equal(loginServiceHead(config).trim(), '');
  assert.doesNotMatch(config, /service_count/);
});
