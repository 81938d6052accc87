/**
 * `npm run mail:dev`: a local mail server to point the app at while developing.
 *
 * Starts the test mail stack in `.data/mail-dev` (kept between runs, so the mailbox and
 * the certificate survive), on fixed ports so the app's account settings stay valid,
 * creates demo@demo.test and, on first run, delivers the sample messages from
 * e2e/fixtures/mail with dates in the last few days. Runs until Ctrl-C.
 *
 * Env: MAIL_DEV_DIR (default .data/mail-dev; `temp` for a throw-away dir),
 *      MAIL_DEV_PORTS=free to take free ports instead of the fixed ones below.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { startDnsFixtureServer } from '../../lib/mail/discovery/fixtures/dns-fixture-server.ts';
import { startMailStack, type MailStackPorts } from './index.ts';

const USER = { email: 'demo@demo.test', password: 'demo-password' };
/**
 * Fixed so the app's saved account keeps working across restarts (2xxx: the well-known
 * port + 2000). LMTP is only used from inside this process, so it takes any free port.
 */
const FIXED_PORTS: Omit<MailStackPorts, 'lmtp'> = { imap: 2143, imaps: 2993, smtp: 2587, smtps: 2465 };
/** The demo domain's DNS server (UDP). */
const DNS_PORT = 2053;

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixturesDir = path.join(repoRoot, 'e2e/fixtures/mail');

async function main(): Promise<void> {
  const dirEnv = process.env.MAIL_DEV_DIR ?? path.join(repoRoot, '.data/mail-dev');
  const dir = dirEnv === 'temp' ? undefined : path.resolve(dirEnv);
  const ports = process.env.MAIL_DEV_PORTS === 'free' ? undefined : FIXED_PORTS;

  // A Dovecot left over from a mail:dev killed with -9 is stopped by startMailStack
  // (same dir, same instance), so only a stranger on our ports ends up here.
  const stack = await startMailStack({ dir, ports }).catch((err: Error) => {
    const text = `${err.message} ${String((err.cause as Error | undefined)?.message)}`;
    if (/EADDRINUSE|Address already in use/.test(text)) {
      throw new Error('a port of mail:dev is in use (is it already running?); or run with MAIL_DEV_PORTS=free', {
        cause: err,
      });
    }
    throw err;
  });
  // Discovery for the demo domain: RFC 6186 SRV records on a DNS server of our own, so the
  // short path (e-mail + password only) can be tried by hand with
  // MAIL_DISCOVERY_DNS_SERVERS=127.0.0.1:<port> npm start.
  const domain = USER.email.split('@')[1]!;
  const dns = await startDnsFixtureServer(
    {
      [`_imaps._tcp.${domain}`]: { SRV: [{ priority: 0, weight: 1, port: stack.ports.imaps, target: 'localhost' }] },
      [`_submissions._tcp.${domain}`]: { SRV: [{ priority: 0, weight: 1, port: stack.ports.smtps, target: 'localhost' }] },
    },
    ports ? DNS_PORT : 0,
  ).catch(async (err) => {
    await stack.stop();
    throw err;
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the mail stack…`);
    // Do not hang forever if something refuses to stop.
    setTimeout(() => process.exit(1), 15_000).unref();
    Promise.all([stack.stop(), dns.close()]).then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  try {
    const known = await stack
      .readMailbox(USER.email, USER.password)
      .then((inbox) => inbox.length)
      .catch(() => -1);
    if (known < 0) {
      await stack.addUser(USER.email, USER.password).catch(() => stack.setPassword(USER.email, USER.password));
    }
    let delivered = 0;
    if (known <= 0) delivered = await deliverSamples((raw) => stack.deliver(USER.email, raw));

    const h = stack.host;
    console.log(`
CRM Inbox mail:dev is running (Dovecot + SMTP, data in ${stack.dir})

  Address   ${USER.email}
  Password  ${USER.password}

  IMAP      ${h}:${stack.ports.imap}   STARTTLS
  IMAPS     ${h}:${stack.ports.imaps}   TLS
  SMTP      ${h}:${stack.ports.smtp}   STARTTLS (submission)
  SMTPS     ${h}:${stack.ports.smtps}   TLS

  TLS uses a SELF-SIGNED certificate for localhost / 127.0.0.1:
  ${path.join(stack.dir, 'cert.pem')}
  (trust it in the client, or allow self-signed certificates for this account)

  Try it in CRM Inbox:
  - the short path (discovery through SRV records served on 127.0.0.1:${dns.port}):
      MAIL_DISCOVERY_DNS_SERVERS=127.0.0.1:${dns.port} NODE_EXTRA_CA_CERTS=${path.join(stack.dir, 'cert.pem')} npm start
    then Inbox → ${USER.email} / ${USER.password} → Log in;
  - or plain \`npm start\`, More settings: IMAP localhost:${stack.ports.imaps} SSL on,
    SMTP localhost:${stack.ports.smtps} SSL on, and "Trust this certificate" when asked.

  ${delivered > 0 ? `Delivered ${delivered} sample messages to INBOX.` : `INBOX already had ${known} messages; no samples delivered.`}
  Mail to other domains is accepted and saved in ${path.join(stack.dir, 'outbound')}.

Press Ctrl-C to stop.`);
  } catch (err) {
    await Promise.all([stack.stop(), dns.close()]);
    throw err;
  }
}

/**
 * Delivers every fixture with its Date header moved into the last few days (newest
 * last), so the inbox looks alive. Bytes are handled as latin1 to leave 8-bit bodies
 * (the ISO-8859-1 sample) untouched.
 */
async function deliverSamples(deliver: (raw: Buffer) => Promise<void>): Promise<number> {
  const names = (await fs.readdir(fixturesDir)).filter((n) => n.endsWith('.eml')).sort();
  for (const [i, name] of names.entries()) {
    const text = (await fs.readFile(path.join(fixturesDir, name))).toString('latin1');
    const hoursAgo = (names.length - i) * 17; // spread over a few days, odd hours
    const date = new Date(Date.now() - hoursAgo * 3600_000).toUTCString().replace('GMT', '+0000');
    const split = text.search(/\r?\n\r?\n/);
    const head = text.slice(0, split).replace(/^Date:.*$/im, `Date: ${date}`);
    await deliver(Buffer.from(head + text.slice(split), 'latin1'));
  }
  return names.length;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
