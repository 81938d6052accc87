/**
 * The test mail stack against the wire: real Dovecot, real SMTP, real TLS.
 * Run: node --import tsx --test e2e/mail-stack/mail-stack.service.test.ts (needs root).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { canConnect } from './wait-for-port.ts';
import { describeMailStack, MAIL_STACK_ENV, startMailStack, type MailStack } from './index.ts';

const run = promisify(execFile);
const fixtures = path.join(import.meta.dirname, '../fixtures/mail');
const fixture = (name: string) => fs.readFile(path.join(fixtures, name));

const ALICE = { email: 'alice@example.test', password: 'alice-secret' };

let stack: MailStack;
before(async () => {
  stack = await startMailStack();
  await stack.addUser(ALICE.email, ALICE.password);
});
after(async () => {
  await stack?.stop();
});

/**
 * Talks raw IMAP on the plain port: returns the greeting and the tagged answer to
 * `a LOGIN`, to see what the server itself does with a cleartext password.
 */
function plainLogin(host: string, port: number, user: string, pass: string): Promise<{ greeting: string; answer: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setEncoding('utf8');
    let buffer = '';
    let greeting = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (!greeting && buffer.includes('\r\n')) {
        greeting = buffer.slice(0, buffer.indexOf('\r\n'));
        buffer = '';
        socket.write(`a LOGIN "${user}" "${pass}"\r\n`);
      }
      const tagged = /^a (OK|NO|BAD) .*$/m.exec(buffer);
      if (greeting && tagged) {
        socket.end('b LOGOUT\r\n');
        resolve({ greeting, answer: tagged[0].trim() });
      }
    });
    socket.once('error', reject);
  });
}

function submission(port: number, secure: boolean, auth: { user: string; pass: string }) {
  return nodemailer.createTransport({
    host: stack.host,
    port,
    secure,
    requireTLS: !secure, // fail rather than fall back to plain text
    auth,
    tls: { ca: stack.certPem, servername: 'localhost' },
  });
}

test('a fixture delivered over LMTP can be read back over IMAPS', async () => {
  await stack.deliver(ALICE.email, await fixture('04-attachment.eml'));

  const inbox = await stack.readMailbox(ALICE.email, ALICE.password);
  assert.equal(inbox.length, 1);
  const [msg] = inbox;
  assert.equal(msg!.subject, 'Angebot für Müller & Söhne');
  assert.equal(msg!.from, 'lena.mueller@example.com');
  assert.equal(msg!.messageId, '<a7d1e0c2-5b3e-4c55-9d1a-0f6b2c9e8a11@example.com>');
  // Read-only (EXAMINE), so no \Seen; \Recent is this session's first sight of it.
  assert.deepEqual(msg!.flags, ['\\Recent']);
  // Dovecot prepends Return-Path (from the From header, our envelope sender) and Received.
  assert.match(msg!.source.toString(), /^Return-Path: <lena\.mueller@example\.com>/);
  assert.match(msg!.source.toString(), /filename\*=UTF-8''Ansprechpartner%20M%C3%BCller\.csv/);
  assert.ok(Math.abs(msg!.internalDate.getTime() - Date.now()) < 60_000, 'internal date is the delivery time');
});

test('LMTP refuses an unknown user with 550', async () => {
  await assert.rejects(
    stack.deliver('nobody@example.test', await fixture('01-plain-text.eml')),
    /550 5\.1\.1 <nobody@example\.test> User doesn't exist/,
  );
});

test('special-use folders exist and are subscribed (RFC 6154)', async () => {
  const client = new ImapFlow({
    host: stack.host,
    port: stack.ports.imaps,
    secure: true,
    auth: { user: ALICE.email, pass: ALICE.password },
    tls: { ca: stack.certPem },
    logger: false,
  });
  await client.connect();
  try {
    const list = await client.list();
    const byUse = Object.fromEntries(list.filter((f) => f.specialUseSource === 'extension').map((f) => [f.specialUse, f]));
    for (const [use, name] of [
      ['\\Sent', 'Sent'],
      ['\\Drafts', 'Drafts'],
      ['\\Trash', 'Trash'],
      ['\\Junk', 'Junk'],
      ['\\Archive', 'Archive'],
    ]) {
      assert.equal(byUse[use!]?.path, name, `${use} folder`);
      assert.equal(byUse[use!]?.subscribed, true, `${use} subscribed`);
    }
    assert.equal(list.find((f) => f.path === 'INBOX')?.delimiter, '/');
  } finally {
    await client.logout();
  }
});

test('the IMAP port offers STARTTLS, and imapflow upgrades with the pinned cert', async () => {
  const { greeting, answer } = await plainLogin(stack.host, stack.ports.imap, ALICE.email, ALICE.password);
  assert.match(greeting, /^\* OK \[CAPABILITY [^\]]*\bSTARTTLS\b[^\]]*\] /);
  // allowPlaintextAuth defaults to true: LOGIN without TLS works too.
  assert.doesNotMatch(greeting, /LOGINDISABLED/);
  assert.match(answer, /^a OK /);

  const client = new ImapFlow({
    host: stack.host,
    port: stack.ports.imap,
    secure: false,
    auth: { user: ALICE.email, pass: ALICE.password },
    tls: { ca: stack.certPem, servername: 'localhost' },
    logger: false,
  });
  await client.connect();
  try {
    assert.equal(client.secureConnection, true, 'upgraded to TLS');
    const status = await client.status('INBOX', { messages: true });
    assert.equal(status && status.messages, 1);
  } finally {
    await client.logout();
  }
});

test('the IMAPS port needs TLS: an unpinned self-signed cert is refused', async () => {
  const client = new ImapFlow({
    host: stack.host,
    port: stack.ports.imaps,
    secure: true,
    auth: { user: ALICE.email, pass: ALICE.password },
    logger: false,
  });
  await assert.rejects(client.connect(), /self[- ]signed/i);
});

test('mail sent over SMTP submission (STARTTLS) and SMTPS is readable over IMAP at once', async () => {
  const auth = { user: ALICE.email, pass: ALICE.password };
  for (const [port, secure] of [
    [stack.ports.smtp, false],
    [stack.ports.smtps, true],
  ] as const) {
    const transport = submission(port, secure, auth);
    try {
      const info = await transport.sendMail({
        from: ALICE.email,
        to: ALICE.email,
        subject: `Via port ${port}`,
        text: 'Hello from the submission server.',
      });
      assert.deepEqual(info.accepted, [ALICE.email]);
      assert.match(info.response, /^250 OK: message stored/);
    } finally {
      transport.close();
    }
  }
  const subjects = (await stack.readMailbox(ALICE.email, ALICE.password)).map((m) => m.subject);
  assert.ok(subjects.includes(`Via port ${stack.ports.smtp}`), subjects.join(' | '));
  assert.ok(subjects.includes(`Via port ${stack.ports.smtps}`), subjects.join(' | '));
});

test('a wrong password is refused by IMAP and by SMTP', async () => {
  const client = new ImapFlow({
    host: stack.host,
    port: stack.ports.imaps,
    secure: true,
    auth: { user: ALICE.email, pass: 'wrong' },
    tls: { ca: stack.certPem },
    logger: false,
  });
  await assert.rejects(client.connect(), (err: { authenticationFailed?: boolean }) => err.authenticationFailed === true);

  const transport = submission(stack.ports.smtps, true, { user: ALICE.email, pass: 'wrong' });
  try {
    await assert.rejects(transport.verify(), { code: 'EAUTH', responseCode: 535 });
  } finally {
    transport.close();
  }
});

test('an unknown local recipient gets 550; a foreign one lands in outbound/', async () => {
  const transport = submission(stack.ports.smtps, true, { user: ALICE.email, pass: ALICE.password });
  try {
    await assert.rejects(transport.sendMail({ from: ALICE.email, to: 'nobody@example.test', subject: 'x', text: 'x' }), {
      code: 'EENVELOPE',
      responseCode: 550,
    });
    const info = await transport.sendMail({ from: ALICE.email, to: 'client@elsewhere.example', subject: 'Offer', text: 'x' });
    assert.deepEqual(info.accepted, ['client@elsewhere.example']);
  } finally {
    transport.close();
  }
  const outbound = await fs.readdir(path.join(stack.dir, 'outbound'));
  assert.equal(outbound.length, 1);
  const stored = await fs.readFile(path.join(stack.dir, 'outbound', outbound[0]!), 'utf8');
  assert.match(stored, /^X-Envelope-From: <alice@example\.test>\r\nX-Envelope-To: <client@elsewhere\.example>\r\n/);
  assert.match(stored, /Subject: Offer/);
});

test('setPassword takes effect for the very next IMAP and SMTP login', async () => {
  const user = { email: 'carol@example.test', password: 'first-pass' };
  await stack.addUser(user.email, user.password);
  assert.equal((await stack.readMailbox(user.email, user.password)).length, 0); // Dovecot has now cached the file

  // Same length on purpose: Dovecot reloads only when mtime or size change.
  await stack.setPassword(user.email, 'other-pass');
  await assert.rejects(
    stack.readMailbox(user.email, user.password),
    (err: { authenticationFailed?: boolean }) => err.authenticationFailed === true,
  );
  assert.equal((await stack.readMailbox(user.email, 'other-pass')).length, 0);
  const transport = submission(stack.ports.smtps, true, { user: user.email, pass: 'other-pass' });
  try {
    assert.equal(await transport.verify(), true);
  } finally {
    transport.close();
  }
});

test('another process can attach via MAIL_STACK_JSON, add a user and deliver', async () => {
  const child = `
    import { attachMailStack } from './e2e/mail-stack/index.ts';
    import fs from 'node:fs/promises';
    const stack = attachMailStack();
    await stack.addUser('bob@example.test', 'bob-secret');
    await stack.deliver('bob@example.test', await fs.readFile('e2e/fixtures/mail/05-iso-8859-1.eml'));
  `;
  await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
    cwd: path.join(import.meta.dirname, '../..'),
    env: { ...process.env, [MAIL_STACK_ENV]: JSON.stringify(describeMailStack(stack)) },
  });

  const inbox = await stack.readMailbox('bob@example.test', 'bob-secret');
  assert.equal(inbox[0]?.subject, "Réunion prévue à l'hôtel");
  // This process's SMTP server sees the user added over there.
  const transport = submission(stack.ports.smtp, false, { user: 'bob@example.test', pass: 'bob-secret' });
  try {
    assert.equal(await transport.verify(), true);
  } finally {
    transport.close();
  }
});

test('restartDovecot keeps users, mail and ports', async () => {
  const beforeRestart = await stack.readMailbox(ALICE.email, ALICE.password);
  await stack.restartDovecot();
  const afterRestart = await stack.readMailbox(ALICE.email, ALICE.password);
  assert.ok(beforeRestart.length >= 3);
  assert.deepEqual(
    afterRestart.map((m) => [m.uid, m.messageId]),
    beforeRestart.map((m) => [m.uid, m.messageId]),
  );
});

test('allowPlaintextAuth: false refuses IMAP LOGIN and SMTP AUTH before TLS', async () => {
  const strict = await startMailStack({ allowPlaintextAuth: false });
  try {
    await strict.addUser(ALICE.email, ALICE.password);
    const { greeting, answer } = await plainLogin(strict.host, strict.ports.imap, ALICE.email, ALICE.password);
    assert.match(greeting, /\bLOGINDISABLED\b/);
    assert.match(answer, /^a NO \[PRIVACYREQUIRED\] /);

    const plain = nodemailer.createTransport({
      host: strict.host,
      port: strict.ports.smtp,
      secure: false,
      ignoreTLS: true,
      auth: { user: ALICE.email, pass: ALICE.password },
    });
    try {
      await assert.rejects(plain.verify(), { responseCode: 538 });
    } finally {
      plain.close();
    }
    // With TLS the same credentials work.
    assert.equal((await strict.readMailbox(ALICE.email, ALICE.password)).length, 0);
  } finally {
    await strict.stop();
  }
});

test('stop leaves no Dovecot process, no open port and no temp dir', async () => {
  const { dovecot } = describeMailStack(stack);
  const { ports, dir } = stack;
  await stack.stop();

  const pgrep = await run('pgrep', ['-f', dovecot.confPath]).then(
    (r) => r.stdout.trim(),
    (err: { code?: number }) => (err.code === 1 ? '' : Promise.reject(err)), // 1 = none matched
  );
  assert.equal(pgrep, '', 'dovecot master still running');
  const children = await run('pgrep', ['-f', `dovecot-${dovecot.instanceName}/`]).then(
    (r) => r.stdout.trim(),
    () => '',
  );
  assert.equal(children, '', 'dovecot children still running');
  for (const [name, port] of Object.entries(ports)) {
    assert.equal(await canConnect(stack.host, port), false, `${name} port ${port} still open`);
  }
  await assert.rejects(fs.access(dir), { code: 'ENOENT' });
});
