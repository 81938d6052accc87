import { ImapFlow } from 'imapflow';

/** Where a benchmark mailbox lives: the test stack's IMAPS port, pinned to its self-signed cert. */
export interface BenchMailbox {
  host: string;
  imapsPort: number;
  /** Plain IMAP, for the no-TLS reference floor only (the test stack allows LOGIN without TLS). */
  imapPort: number;
  certPem: string;
  email: string;
  password: string;
}

/**
 * A logged-in ImapFlow over implicit TLS, trusting only the stack's certificate (or, with
 * `plain`, over cleartext IMAP with STARTTLS off: imapflow would otherwise upgrade). No auto-IDLE
 * unless asked: imapflow would otherwise enter IDLE after 15 s of quiet (STACK-NOTES).
 */
export async function connectImap(mailbox: BenchMailbox, options: { idle?: boolean; plain?: boolean } = {}): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: mailbox.host,
    ...(options.plain
      ? { port: mailbox.imapPort, secure: false, doSTARTTLS: false }
      : { port: mailbox.imapsPort, secure: true, servername: 'localhost', tls: { ca: mailbox.certPem } }),
    auth: { user: mailbox.email, pass: mailbox.password },
    logger: false,
    disableAutoIdle: !options.idle,
    connectionTimeout: 15_000,
  });
  await client.connect();
  return client;
}

/** Logs out, or drops the socket if the server does not answer. */
export async function closeImap(client: ImapFlow): Promise<void> {
  await client.logout().catch(() => client.close());
}
