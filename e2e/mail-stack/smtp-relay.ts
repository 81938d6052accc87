import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import { deliverOverLmtp, type LmtpTarget } from './deliver-over-lmtp.ts';
import type { Introspection } from '../oauth-stack/introspect-token.ts';
import type { PasswdFile } from './passwd-file.ts';

export interface SmtpServerOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** `smtp`: submission with STARTTLS (RFC 6409); `smtps`: implicit TLS (RFC 8314). */
  ports: { smtp: number; smtps: number };
  certPem: string;
  keyPem: string;
  /** The same users Dovecot authenticates, re-read on every AUTH and RCPT. */
  users: PasswdFile;
  /** Dovecot's LMTP listener, where local mail goes. */
  lmtp: LmtpTarget;
  /**
   * Where mail for domains with no local user lands, one `.eml` per message with
   * `X-Envelope-From`/`X-Envelope-To` headers on top: there is no internet to relay to,
   * but an app replying to a fixture's sender must still get a 250.
   */
  outboundDir: string;
  /**
   * Allow AUTH on the submission port before STARTTLS. `false` makes the server answer
   * `538 Must issue a STARTTLS command first`, for tests of clients that must upgrade.
   * @default true
   */
  allowInsecureAuth?: boolean;
  /**
   * Also take SASL XOAUTH2 (Google's and Microsoft's SMTP AUTH with an access token): the token is
   * checked with this (introspection at the test authorization server) and must name the user.
   */
  introspect?: (accessToken: string) => Promise<Introspection>;
  /** What a journey makes the server do instead of plain acceptance (e2e journeys of sending). */
  behaviour?: SmtpRelayBehaviour;
}

export interface SmtpRelayBehaviour {
  /**
   * The reply that refuses a recipient at RCPT TO (RFC 5321 §4.2.5), e.g. a policy refusal
   * `{ code: 550, message: '5.7.1 Recipient rejected by policy' }`; undefined lets it through.
   */
  refuseRecipient?: (address: string) => { code: number; message: string } | undefined;
  /**
   * Runs once the message is stored in Dovecot, before the server answers the end of data: a
   * promise that does not settle holds the reply, leaving the client where it cannot know whether
   * the message was taken (RFC 1047), as a server that stalls after queuing does.
   */
  beforeReply?: () => Promise<void>;
}

export interface SmtpServerHandle {
  stop(): Promise<void>;
}

/**
 * A submission server for tests: AUTH PLAIN/LOGIN against the stack's users, then
 * every local recipient's copy goes to Dovecot over LMTP *before* the client gets its
 * 250, so a test can read a sent mail over IMAP right after `sendMail` resolves.
 *
 * Like most submission servers it does not file a copy in Sent: that is the client's
 * job (IMAP APPEND), and tests of it should see that.
 */
export async function startSmtpServer(opts: SmtpServerOptions): Promise<SmtpServerHandle> {
  const host = opts.host ?? '127.0.0.1';
  const users = opts.users;
  await fs.mkdir(opts.outboundDir, { recursive: true });

  const make = (secure: boolean) =>
    new SMTPServer({
      secure,
      key: opts.keyPem,
      cert: opts.certPem,
      name: 'localhost',
      banner: 'CRM Inbox test submission server',
      authMethods: opts.introspect ? ['PLAIN', 'LOGIN', 'XOAUTH2'] : ['PLAIN', 'LOGIN'],
      allowInsecureAuth: opts.allowInsecureAuth ?? true,
      size: 25 * 1024 * 1024, // what the big providers allow, so size limits show up here too
      logger: false,
      // Do not hold a test's teardown for the default 30 s when a client keeps a socket open.
      closeTimeout: 1000,

      onAuth(auth, _session, callback) {
        if (auth.method === 'XOAUTH2') {
          const user = (auth.username ?? '').toLowerCase();
          opts.introspect!(auth.accessToken ?? '')
            .then((token) =>
              token.active && token.sub === user
                ? callback(null, { user })
                : // smtp-server's way to fail XOAUTH2: the JSON challenge of Google's protocol, then 535.
                  callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } }),
            )
            .catch((err: Error) => callback(err));
          return;
        }
        users
          .check(auth.username ?? '', auth.password ?? '')
          .then((ok) =>
            ok
              ? callback(null, { user: auth.username!.toLowerCase() })
              : callback(smtpError(535, '5.7.8 Authentication credentials invalid')),
          )
          .catch((err: Error) => callback(err));
      },

      onRcptTo(address, _session, callback) {
        const refusal = opts.behaviour?.refuseRecipient?.(address.address);
        if (refusal) return callback(smtpError(refusal.code, refusal.message));
        recipientKind(users, address.address)
          .then((kind) =>
            kind === 'unknown'
              ? callback(smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected: User unknown`))
              : callback(),
          )
          .catch((err: Error) => callback(err));
      },

      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (err: Error) => callback(err));
        stream.on('end', () => {
          if (stream.sizeExceeded) {
            callback(smtpError(552, '5.3.4 Message exceeds fixed maximum message size'));
            return;
          }
          const raw = Buffer.concat(chunks);
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const to = session.envelope.rcptTo.map((r) => r.address);
          relay(opts, from, to, raw).then(
            () => (opts.behaviour?.beforeReply?.() ?? Promise.resolve()).then(() => callback(null, 'OK: message stored')),
            (err: Error) => callback(smtpError(451, `4.3.0 Local delivery failed: ${err.message}`)),
          );
        });
      },
    });

  const servers = [make(false), make(true)];
  try {
    await listen(servers[0]!, opts.ports.smtp, host);
    await listen(servers[1]!, opts.ports.smtps, host);
  } catch (err) {
    await closeAll(servers);
    throw err;
  }
  return { stop: () => closeAll(servers) };
}

/** Splits recipients into local (→ Dovecot over LMTP) and foreign (→ outboundDir). */
async function relay(opts: SmtpServerOptions, from: string, to: string[], raw: Buffer): Promise<void> {
  const local: string[] = [];
  const foreign: string[] = [];
  for (const rcpt of to) ((await recipientKind(opts.users, rcpt)) === 'foreign' ? foreign : local).push(rcpt);

  if (local.length > 0) await deliverOverLmtp(opts.lmtp, { from, to: local, raw });
  if (foreign.length > 0) {
    const envelope = `X-Envelope-From: <${from}>\r\nX-Envelope-To: ${foreign.map((r) => `<${r}>`).join(', ')}\r\n`;
    const file = path.join(opts.outboundDir, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`);
    await fs.writeFile(file, Buffer.concat([Buffer.from(envelope), raw]));
  }
}

/**
 * `local`: a user of the stack. `unknown`: the domain is one of ours but the user is
 * not, which a real server refuses at RCPT time with 550 5.1.1. `foreign`: any other.
 */
async function recipientKind(users: PasswdFile, address: string): Promise<'local' | 'unknown' | 'foreign'> {
  const table = await users.read();
  const addr = address.toLowerCase();
  if (table.has(addr)) return 'local';
  const domain = addr.slice(addr.lastIndexOf('@') + 1);
  const localDomains = new Set([...table.keys()].map((u) => u.slice(u.lastIndexOf('@') + 1)));
  return localDomains.has(domain) ? 'unknown' : 'foreign';
}

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

function listen(server: SMTPServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      // After startup, a failed connection (client gone mid-TLS) must not crash the test process.
      server.on('error', () => undefined);
      resolve();
    });
  });
}

function closeAll(servers: SMTPServer[]): Promise<void> {
  return Promise.all(
    servers.map((s) => new Promise<void>((resolve) => (s.server.listening ? s.close(() => resolve()) : resolve()))),
  ).then(() => undefined);
}
