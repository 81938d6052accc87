/**
 * Verifying a mailbox against the real test mail stack (Dovecot IMAP/IMAPS, SMTP submission with
 * STARTTLS and implicit TLS, one self-signed certificate). Fakes only where a real server cannot
 * say the thing under test: Gmail's login refusals, a server without STARTTLS or AUTH, a port that
 * never answers. DNS is injected; nothing here asks the internet.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { SMTPServer } from 'smtp-server';
import { startMailStack, type MailStack } from '../../../e2e/mail-stack/index.ts';
import { createSelfSignedCert } from '../../../e2e/mail-stack/self-signed-cert.ts';
import { startMailGreetingServer } from '../discovery/fixtures/mail-greeting-server.ts';
import { createFixtureInternet, PUBLIC_ADDRESS } from '../network/fixtures/fixture-internet.ts';
import type { ResolveHost } from '../network/resolve-and-check.ts';
import { startFakeImapLoginServer } from './fixtures/fake-imap-login-server.ts';
import { MailVerifyError } from './mail-verify-error.ts';
import { verifyImap } from './verify-imap.ts';
import { firstVerifyError, verifyMailAccount } from './verify-mail-account.ts';
import type { MailServer } from '../server/mail-server.ts';
import type { VerifyServerOptions } from './verify-options.ts';
import { verifySmtp } from './verify-smtp.ts';

const EMAIL = 'alice@example.test';
const PASSWORD = 'secret';
/** The test submission server announces SIZE 25 MiB in EHLO (e2e/mail-stack/smtp-relay.ts). */
const STACK_SIZE = 25 * 1024 * 1024;

let stack: MailStack;
let fingerprint: string;
/** The stack listens on loopback: everything runs in onsite mode unless a test is about the guard. */
const onsite: VerifyServerOptions = { connectGuard: { mode: 'onsite' }, timeoutMs: 5_000 };
let pinned: VerifyServerOptions;

before(async () => {
  stack = await startMailStack();
  await stack.addUser(EMAIL, PASSWORD);
  fingerprint = new X509Certificate(stack.certPem).fingerprint256;
  pinned = { ...onsite, tls: { trustedFingerprint: fingerprint } };
});

after(async () => {
  await stack?.stop();
});

const server = (
  port: number,
  ssl: boolean,
  { password = PASSWORD, ...overrides }: Partial<Omit<MailServer, 'credentials'>> & { password?: string } = {},
): MailServer => ({
  host: stack.host,
  port,
  ssl,
  username: EMAIL,
  credentials: { kind: 'password', password },
  ...overrides,
});

/** Asserts the rejection is a MailVerifyError with this code and side, and hands it over for more checks. */
async function rejectsWith(running: Promise<unknown>, code: string, side: 'incoming' | 'outgoing'): Promise<MailVerifyError> {
  let caught: unknown;
  await assert.rejects(running, (error) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof MailVerifyError, `expected a MailVerifyError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.details.side, side);
  return caught;
}

async function freeClosedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

test('both servers at once, certificates pinned: folders and capabilities, inputs untouched', async () => {
  const settings = { imap: server(stack.ports.imaps, true), smtp: server(stack.ports.smtps, true) };
  const typed = structuredClone(settings);
  const verification = await verifyMailAccount(settings, {
    ...onsite,
    tls: { imap: { trustedFingerprint: fingerprint }, smtp: { trustedFingerprint: fingerprint } },
  });
  assert.equal(firstVerifyError(verification), null);
  assert.ok(verification.imap.ok && verification.smtp.ok);
  const { folders, capabilities } = verification.imap.result;
  assert.ok(folders.some((folder) => folder.path === 'INBOX'));
  assert.deepEqual(
    folders.find((folder) => folder.specialUse === '\\Sent'),
    { path: 'Sent', name: 'Sent', specialUse: '\\Sent' },
  );
  assert.ok(capabilities.includes('IMAP4rev1'), capabilities.join(' '));
  assert.deepEqual(verification.smtp.result, { tls: 'implicit', maxSize: STACK_SIZE });
  assert.deepEqual(settings, typed, 'what the user typed is kept as typed');
});

test('IMAPS with the self-signed certificate and no pin: MAIL_TLS_UNTRUSTED with its fingerprint', async () => {
  const error = await rejectsWith(verifyImap(server(stack.ports.imaps, true), onsite), 'MAIL_TLS_UNTRUSTED', 'incoming');
  assert.equal(error.details.fingerprint, fingerprint);
  assert.equal(error.details.reason, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  assert.equal(error.details.subject, 'CN=localhost');
  assert.equal(error.details.issuer, 'CN=localhost');
  assert.equal(error.details.selfSigned, true);
  assert.equal(error.details.validTo, new Date(new X509Certificate(stack.certPem).validTo).toISOString());
  assert.equal(error.field, 'imap.server');
  assert.match(
    error.message,
    /^Incoming mail server \(IMAP\): the certificate of 127\.0\.0\.1:\d+ is not trusted: it is self-signed\.$/,
  );
});

test('a pin for another certificate does not make this one trusted', async () => {
  const other = { ...onsite, tls: { trustedFingerprint: 'AB:'.repeat(31) + 'AB' } };
  const error = await rejectsWith(verifyImap(server(stack.ports.imaps, true), other), 'MAIL_TLS_UNTRUSTED', 'incoming');
  assert.equal(error.details.fingerprint, fingerprint);
});

test('plain IMAP port: STARTTLS, then login, with the pinned certificate', async () => {
  const result = await verifyImap(server(stack.ports.imap, false), pinned);
  assert.ok(result.folders.some((folder) => folder.path === 'INBOX'));
});

test('plain IMAP port without a pin: the STARTTLS certificate is checked too', async () => {
  const error = await rejectsWith(verifyImap(server(stack.ports.imap, false), onsite), 'MAIL_TLS_UNTRUSTED', 'incoming');
  assert.equal(error.details.fingerprint, fingerprint);
});

test('wrong IMAP password: MAIL_AUTH_FAILED, incoming, on the password field', async () => {
  const error = await rejectsWith(
    verifyImap(server(stack.ports.imaps, true, { password: 'wrong' }), pinned),
    'MAIL_AUTH_FAILED',
    'incoming',
  );
  assert.equal(error.field, 'imap.password');
  assert.match(error.message, /^Incoming mail server \(IMAP\): the username or password was not accepted\./);
});

test('SSL on against the plain IMAP port: MAIL_TLS_FAILED', async () => {
  const error = await rejectsWith(verifyImap(server(stack.ports.imap, true), pinned), 'MAIL_TLS_FAILED', 'incoming');
  assert.match(error.message, /turn SSL\/TLS off, or use port 993/);
});

test('closed port: MAIL_CONNECTION_REFUSED', async () => {
  const port = await freeClosedPort();
  await rejectsWith(verifyImap(server(port, true), pinned), 'MAIL_CONNECTION_REFUSED', 'incoming');
  await rejectsWith(verifySmtp(server(port, true), pinned), 'MAIL_CONNECTION_REFUSED', 'outgoing');
});

test('unknown host (injected resolver): MAIL_HOST_NOT_FOUND', async () => {
  const resolveHost: ResolveHost = async (hostname) => {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
  };
  const settings = server(993, true, { host: 'imap.nowhere.test' });
  const error = await rejectsWith(verifyImap(settings, { ...pinned, resolveHost }), 'MAIL_HOST_NOT_FOUND', 'incoming');
  assert.match(error.message, /"imap\.nowhere\.test" was not found/);
});

test('a port that accepts and never speaks: MAIL_TIMEOUT within the short limit', async () => {
  const silent = await startMailGreetingServer({ protocol: 'imap', silent: true });
  try {
    const quick = { ...pinned, timeoutMs: 400 };
    const imap = await rejectsWith(verifyImap(server(silent.port, false), quick), 'MAIL_TIMEOUT', 'incoming');
    // no greeting on a plain port is what a TLS-only port looks like
    assert.match(
      imap.message,
      /did not answer within 0\.4 s\. If this port expects SSL\/TLS from the start \(like 993\), turn SSL\/TLS on\./,
    );
    const smtp = await rejectsWith(verifySmtp(server(silent.port, false), quick), 'MAIL_TIMEOUT', 'outgoing');
    assert.match(smtp.message, /like 465/);
    await rejectsWith(verifyImap(server(silent.port, true), quick), 'MAIL_TIMEOUT', 'incoming');
  } finally {
    await silent.close();
  }
});

test('SMTP: STARTTLS on the submission port and implicit TLS, pinned', async () => {
  assert.deepEqual(await verifySmtp(server(stack.ports.smtp, false), pinned), { tls: 'starttls', maxSize: STACK_SIZE });
  assert.deepEqual(await verifySmtp(server(stack.ports.smtps, true), pinned), { tls: 'implicit', maxSize: STACK_SIZE });
});

test('SMTP without a pin: MAIL_TLS_UNTRUSTED, outgoing, with the fingerprint', async () => {
  const error = await rejectsWith(verifySmtp(server(stack.ports.smtp, false), onsite), 'MAIL_TLS_UNTRUSTED', 'outgoing');
  assert.equal(error.details.fingerprint, fingerprint);
  assert.match(error.message, /^Outgoing mail server \(SMTP\): /);
});

test('wrong SMTP password: MAIL_AUTH_FAILED, outgoing', async () => {
  const error = await rejectsWith(
    verifySmtp(server(stack.ports.smtps, true, { password: 'wrong' }), pinned),
    'MAIL_AUTH_FAILED',
    'outgoing',
  );
  assert.equal(error.field, 'smtp.password');
  assert.equal(error.details.reason, 'EAUTH');
});

test('verifyMailAccount reports each side, and the incoming error comes first', async () => {
  const verification = await verifyMailAccount(
    {
      imap: server(stack.ports.imaps, true, { password: 'wrong' }),
      smtp: server(stack.ports.smtps, true, { password: 'wrong' }),
    },
    { ...onsite, tls: { imap: { trustedFingerprint: fingerprint }, smtp: { trustedFingerprint: fingerprint } } },
  );
  assert.ok(!verification.imap.ok && !verification.smtp.ok);
  assert.equal(verification.smtp.error.field, 'smtp.password');
  assert.equal(firstVerifyError(verification)?.field, 'imap.password');
});

test('online mode refuses loopback before connecting; an allowlist entry lets it through', async () => {
  const counting = await startMailGreetingServer({ protocol: 'imap' });
  try {
    const online: VerifyServerOptions = { ...pinned, connectGuard: { mode: 'online' } };
    const error = await rejectsWith(verifyImap(server(counting.port, false), online), 'MAIL_ADDRESS_BLOCKED', 'incoming');
    assert.equal(error.details.address, '127.0.0.1');
    await rejectsWith(verifySmtp(server(counting.port, false), online), 'MAIL_ADDRESS_BLOCKED', 'outgoing');
    // a name that resolves to loopback is judged by the address it resolves to
    const resolveHost: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
    await rejectsWith(
      verifyImap(server(counting.port, false, { host: 'mail.example.com' }), { ...online, resolveHost }),
      'MAIL_ADDRESS_BLOCKED',
      'incoming',
    );
    assert.equal(counting.connections, 0, 'nothing reached the server');
  } finally {
    await counting.close();
  }
  // Issue 8: an entry without a port opens only the standard mail ports; the test stack listens on high ones.
  const bare: VerifyServerOptions = { ...pinned, connectGuard: { mode: 'online', allowlist: ['127.0.0.1/32'] } };
  await rejectsWith(verifyImap(server(stack.ports.imaps, true), bare), 'MAIL_ADDRESS_BLOCKED', 'incoming');
  const allowlist = [`127.0.0.1/32:${stack.ports.imaps}`, `127.0.0.1:${stack.ports.smtps}`];
  const allowed: VerifyServerOptions = { ...pinned, connectGuard: { mode: 'online', allowlist } };
  assert.ok((await verifyImap(server(stack.ports.imaps, true), allowed)).folders.length > 0);
  assert.deepEqual(await verifySmtp(server(stack.ports.smtps, true), allowed), { tls: 'implicit', maxSize: STACK_SIZE });
});

test('IMAP and SMTP sockets come from the outbound guard only: it judges the claimed address, then dials it', async () => {
  // mail.public.test "is" a public address; only the guard's dial knows the stack stands in for it.
  // Were imapflow or nodemailer to open a socket themselves, they would try 93.184.215.14 and fail.
  const { network, dialled } = createFixtureInternet({
    policy: { mode: 'online' },
    hosts: { 'mail.public.test': [PUBLIC_ADDRESS] },
    servers: {
      [`${PUBLIC_ADDRESS}:${stack.ports.imap}`]: stack.ports.imap,
      [`${PUBLIC_ADDRESS}:${stack.ports.smtps}`]: stack.ports.smtps,
    },
  });
  const options: VerifyServerOptions = {
    ...pinned,
    connectGuard: network.guard,
    resolveHost: network.resolveHost,
    dial: network.dial,
  };
  const host = 'mail.public.test';
  assert.ok(
    (await verifyImap(server(stack.ports.imap, false, { host }), options)).folders.length > 0,
    'STARTTLS over the dialled socket',
  );
  assert.deepEqual(await verifySmtp(server(stack.ports.smtps, true, { host }), options), {
    tls: 'implicit',
    maxSize: STACK_SIZE,
  });
  assert.deepEqual(dialled, [`${PUBLIC_ADDRESS}:${stack.ports.imap}`, `${PUBLIC_ADDRESS}:${stack.ports.smtps}`]);
  await rejectsWith(
    verifyImap(server(stack.ports.imap, false, { host: '2130706433' }), options),
    'MAIL_ADDRESS_BLOCKED',
    'incoming',
  );
  await rejectsWith(
    verifySmtp(server(stack.ports.smtps, true, { host: '[::ffff:127.0.0.1]' }), options),
    'MAIL_ADDRESS_BLOCKED',
    'outgoing',
  );
  assert.equal(dialled.length, 2, 'nothing more was dialled');
});

test('the name is resolved once; the IP is dialled and the name is kept for SNI and the certificate', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'verify-sni-'));
  const cert = await createSelfSignedCert(dir);
  const seen: { servername: string | false | null; address?: string }[] = [];
  const tlsServer = createTlsServer({ key: await readFile(cert.keyPath), cert: cert.certPem }, (socket: TLSSocket) => {
    seen.push({ servername: socket.servername, address: socket.localAddress });
    socket.end('* BYE not today\r\n');
  });
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  const lookups: string[] = [];
  const resolveHost: ResolveHost = async (hostname) => {
    lookups.push(hostname);
    return [{ address: '127.0.0.1', family: 4 }];
  };
  try {
    const port = (tlsServer.address() as AddressInfo).port;
    const options = { ...onsite, resolveHost, tls: { trustedFingerprint: new X509Certificate(cert.certPem).fingerprint256 } };
    await rejectsWith(
      verifyImap(server(port, true, { host: 'mail.example.test' }), options),
      'MAIL_CONNECTION_FAILED',
      'incoming',
    );
    assert.deepEqual(lookups, ['mail.example.test']);
    assert.deepEqual(seen, [{ servername: 'mail.example.test', address: '127.0.0.1' }]);
  } finally {
    await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  }
});

test("Gmail's login refusals are MAIL_IMAP_DISABLED, with the provider's hint", async () => {
  const provider = { id: 'gmail', name: 'Gmail', hints: ['Use an app password.'] };
  for (const loginAnswer of [
    'NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)',
    'NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)',
  ]) {
    const fake = await startFakeImapLoginServer({ loginAnswer });
    try {
      const options = { ...onsite, allowPlaintextAuth: true, provider };
      const error = await rejectsWith(verifyImap(server(fake.port, false), options), 'MAIL_IMAP_DISABLED', 'incoming');
      assert.match(error.message, /Gmail: Use an app password\./);
      assert.ok(error.details.serverText && loginAnswer.includes(error.details.serverText), error.details.serverText);
    } finally {
      await fake.close();
    }
  }
});

test('IMAP without STARTTLS on a plain port: STARTTLS_NOT_OFFERED, and the password never left', async () => {
  const fake = await startFakeImapLoginServer({ loginAnswer: 'OK logged in' });
  try {
    const error = await rejectsWith(verifyImap(server(fake.port, false), onsite), 'STARTTLS_NOT_OFFERED', 'incoming');
    assert.match(error.message, /so the password was not sent/);
    assert.ok(!fake.lines.some((line) => /LOGIN|AUTHENTICATE|secret/i.test(line)), fake.lines.join('\n'));
  } finally {
    await fake.close();
  }
});

test('SMTP without STARTTLS refuses to send the password; without AUTH it says so', async () => {
  const seen = { auth: 0 };
  const noTls = await startSmtp({
    disabledCommands: ['STARTTLS'],
    size: 5_000_000,
    allowInsecureAuth: true,
    onAuth: (_auth, _session, callback) => {
      seen.auth += 1;
      callback(null, { user: 'x' });
    },
  });
  const noAuth = await startSmtp({ disabledCommands: ['AUTH', 'STARTTLS'], authOptional: true });
  try {
    await rejectsWith(verifySmtp(server(noTls.port, false), onsite), 'STARTTLS_NOT_OFFERED', 'outgoing');
    assert.equal(seen.auth, 0);
    const options = { ...onsite, allowPlaintextAuth: true };
    assert.deepEqual(
      await verifySmtp(server(noTls.port, false), options),
      { tls: 'none', maxSize: 5_000_000 },
      'allowed plaintext works; SIZE (RFC 1870) read from EHLO',
    );
    assert.equal(seen.auth, 1);
    await rejectsWith(verifySmtp(server(noAuth.port, false), options), 'SMTP_AUTH_NOT_OFFERED', 'outgoing');
  } finally {
    await Promise.all([noTls.close(), noAuth.close()]);
  }
});

async function startSmtp(
  options: ConstructorParameters<typeof SMTPServer>[0],
): Promise<{ port: number; close(): Promise<void> }> {
  const smtp = new SMTPServer({ logger: false, ...options });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (smtp.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

test('a server without XOAUTH2/OAUTHBEARER: MAIL_OAUTH_NOT_OFFERED on both sides', async () => {
  // The test Dovecot and relay take passwords only (XOAUTH2 comes with the OAuth test stack): an
  // OAuth2 account there is a settings problem no new token can fix, not a refused sign-in.
  const oauth2: Pick<MailServer, 'credentials'> = {
    credentials: {
      kind: 'oauth2',
      provider: 'google',
      refreshToken: 'refresh',
      accessToken: 'not-a-token-they-know',
      expiresAt: new Date(Date.now() + 3_600_000),
      scopes: ['https://mail.google.com/'],
    },
  };
  const verification = await verifyMailAccount(
    { imap: { ...server(stack.ports.imaps, true), ...oauth2 }, smtp: { ...server(stack.ports.smtps, true), ...oauth2 } },
    { ...onsite, tls: { imap: { trustedFingerprint: fingerprint }, smtp: { trustedFingerprint: fingerprint } } },
  );
  assert.ok(!verification.imap.ok && !verification.smtp.ok);
  assert.equal(verification.imap.error.code, 'MAIL_OAUTH_NOT_OFFERED', verification.imap.error.message);
  assert.equal(verification.smtp.error.code, 'MAIL_OAUTH_NOT_OFFERED', verification.smtp.error.message);
  assert.equal(verification.smtp.error.command, 'AUTH XOAUTH2');
  assert.match(
    verification.imap.error.message,
    /^Incoming mail server \(IMAP\): .* does not offer signing in with the mail provider/,
  );
});
