import 'server-only';
import { Readable } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { createOutboundGuard, type OutboundNetwork } from '../network/outbound-guard.ts';
import type { MailServer } from '../server/mail-server.ts';
import { announcedMaxSize, endSmtpTransport, openSmtpTransport } from './open-smtp-transport.ts';
import { smtpStep } from './smtp-step.ts';
import { smtpAuth, type SmtpTimeouts } from './smtp-transport-options.ts';

export interface SubmitOptions {
  network: OutboundNetwork;
  allowPlaintextAuth: boolean;
  /** SHA-256 of a certificate the person chose to trust. */
  trustedFingerprint?: string;
  /**
   * @default connect 15 s; inactivity 5 min (RFC 5321 §4.5.3.2.6: a client should wait 10 minutes
   * for the reply to the end of data; 5 keeps a stuck sender from holding its lease for long)
   */
  timeouts?: SmtpTimeouts;
}

/** What the server said when it took the message. */
export interface Submitted {
  /** Recipients the server refused while accepting the message for the others. */
  rejected: string[];
  /** The reply to the end of data, e.g. "250 2.0.0 Ok: queued as 4F1A2". */
  response: string;
  /** RFC 1870: the largest message the server takes, as its EHLO said this time; null when it did not say. */
  maxSize: number | null;
}

/**
 * Submits one message (RFC 6409) through the account's SMTP server: the session of
 * lib/mail/smtp (guarded socket, STARTTLS, certificate before AUTH), AUTH (RFC 4954), then
 * MAIL FROM, RCPT TO, DATA with the given bytes as they are, QUIT.
 *
 * `handedOver` is called once the last byte of the message has been given to the connection:
 * before that a failure means the server cannot have the message (sending again is safe); after it,
 * without the server's reply, it may (classify-send-failure.ts). Rejects with nodemailer's error
 * (`code`, `responseCode`, `response`) so the caller can tell 4xx from 5xx.
 */
export async function submitMessage(
  server: MailServer,
  envelope: { from: string; to: string[] },
  raw: Buffer,
  options: SubmitOptions,
  handedOver: () => void,
): Promise<Submitted> {
  const guard = createOutboundGuard(options.network);
  const target = await guard.check(server.host, server.port);
  const abort = new AbortController();
  const smtp = await openSmtpTransport(
    server,
    {
      target,
      openSocket: () => guard.dial(target),
      trustedFingerprint: options.trustedFingerprint,
      allowPlaintextAuth: options.allowPlaintextAuth,
    },
    options.timeouts ?? { connectMs: 15_000, socketMs: 5 * 60_000 },
    abort.signal,
  );
  try {
    if ((smtp as SMTPConnection & { allowsAuth?: boolean }).allowsAuth)
      await smtpStep(smtp, (done) => smtp.login(smtpAuth(server), done));
    const message = Readable.from([raw]);
    message.once('end', handedOver);
    let info: SMTPConnection.SentMessageInfo | undefined;
    await smtpStep(smtp, (done) =>
      smtp.send({ from: envelope.from, to: envelope.to }, message, (error, sent) => {
        info = sent;
        done(error);
      }),
    );
    return { rejected: info?.rejected ?? [], response: info?.response ?? '', maxSize: announcedMaxSize(smtp) };
  } finally {
    endSmtpTransport(smtp);
  }
}
