import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dovecotConfig, dovecotOauth2Config, type DovecotLayout } from './dovecot-config.ts';

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

/** The `passdb { … }` blocks of a config, in order. */
function passdbs(config: string): string[] {
  return [...config.matchAll(/^passdb \{\n([\s\S]*?)^\}/gm)].map((m) => m[1]!);
}

test('without OAuth: one passwd-file passdb, password mechanisms only', () => {
  const config = dovecotConfig(layout);
  assert.match(config, /^auth_mechanisms = plain login$/m);
  assert.equal(passdbs(config).length, 1);
  assert.doesNotMatch(config, /oauth2|xoauth2/i);
});

test('with OAuth: tokens go to the oauth2 passdb, passwords to the passwd file, never the other way', () => {
  const config = dovecotConfig({ ...layout, oauth2ConfigPath: '/tmp/crm-test/dovecot-oauth2.conf.ext' });
  assert.match(config, /^auth_mechanisms = plain login xoauth2 oauthbearer$/m);
  const [passwd, oauth2, extra] = passdbs(config);
  assert.equal(extra, undefined);
  assert.match(passwd!, /^\s*driver = passwd-file$/m);
  assert.match(passwd!, /^\s*mechanisms = plain login$/m);
  assert.match(oauth2!, /^\s*driver = oauth2$/m);
  assert.match(oauth2!, /^\s*mechanisms = xoauth2 oauthbearer$/m);
  assert.match(oauth2!, /^\s*args = \/tmp\/crm-test\/dovecot-oauth2\.conf\.ext$/m);
});

test('the oauth2 settings: introspection by POST with the client in the URL, sub is the user, inactive fails', () => {
  const ext = dovecotOauth2Config({
    url: 'http://127.0.0.1:4000/token/introspection',
    clientId: 'introspector',
    clientSecret: 'Zm9v_YmFy-',
  });
  assert.match(ext, /^introspection_mode = post$/m);
  assert.match(ext, /^introspection_url = http:\/\/introspector:Zm9v_YmFy-@127\.0\.0\.1:4000\/token\/introspection$/m);
  assert.match(ext, /^username_attribute = sub$/m);
  assert.match(ext, /^active_attribute = active$/m);
  assert.match(ext, /^active_value = true$/m);
  assert.doesNotMatch(ext, /tokeninfo_url/);
  // A secret Dovecot might split or decode differently is refused rather than written.
  assert.throws(
    () => dovecotOauth2Config({ url: 'http://127.0.0.1:4000/x', clientId: 'a', clientSecret: 'p:w@d' }),
    /unreserved/,
  );
});
