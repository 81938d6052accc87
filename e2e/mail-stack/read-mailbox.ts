import { ImapFlow } from 'imapflow';

export interface ImapsEndpoint {
  host: string;
  /** The implicit-TLS port. */
  port: number;
  /** The stack's self-signed certificate, pinned as the only CA. */
  certPem: string;
}

export interface StoredMessage {
  uid: number;
  subject: string;
  /** The first From address, e.g. `alice@example.test` ('' if none). */
  from: string;
  messageId: string;
  flags: string[];
  internalDate: Date;
  source: Buffer;
}

/**
 * Every message of one folder, read over IMAPS the way the app will read it: a test's
 * independent look at what the server really stores (after an SMTP send, an LMTP
 * delivery, or the app's own APPEND/STORE).
 *
 * @param folder @default 'INBOX'
 */
export async function readMailbox(
  endpoint: ImapsEndpoint,
  email: string,
  password: string,
  folder = 'INBOX',
): Promise<StoredMessage[]> {
  const client = new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: true,
    auth: { user: email, pass: password },
    tls: { ca: endpoint.certPem },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      if (client.mailbox === false || client.mailbox.exists === 0) return [];
      const messages = await client.fetchAll('1:*', {
        uid: true,
        envelope: true,
        flags: true,
        internalDate: true,
        source: true,
      });
      return messages.map((m) => ({
        uid: m.uid,
        subject: m.envelope?.subject ?? '',
        from: m.envelope?.from?.[0]?.address ?? '',
        messageId: m.envelope?.messageId ?? '',
        flags: [...(m.flags ?? [])].sort(),
        internalDate: new Date(m.internalDate ?? 0),
        source: m.source ?? Buffer.alloc(0),
      }));
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}
