import nodemailer from 'nodemailer';

export interface LmtpTarget {
  host: string;
  port: number;
}

export interface LmtpEnvelope {
  /** MAIL FROM; `''` is the null sender `<>`. */
  from: string;
  /** One RCPT TO each. */
  to: string[];
  /** The message exactly as it should be stored (CRLF or LF line ends both work). */
  raw: string | Buffer;
}

/**
 * Hands a raw message to Dovecot over LMTP (RFC 2033) and resolves once Dovecot has
 * saved it for every recipient: LMTP answers after DATA once per recipient, so unlike
 * SMTP a resolved promise means "stored", and the mail is readable over IMAP at once.
 *
 * Throws if any recipient is refused (unknown user: `550 5.1.1`), listing them all.
 */
export async function deliverOverLmtp(target: LmtpTarget, envelope: LmtpEnvelope): Promise<void> {
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    lmtp: true,
    name: 'localhost', // LHLO name
    // Dovecot offers STARTTLS on LMTP too (ssl = yes); nodemailer would take it and
    // then reject the self-signed cert. This hop never leaves loopback.
    ignoreTLS: true,
  });
  try {
    const info = await transport.sendMail({
      envelope: { from: envelope.from, to: envelope.to },
      raw: envelope.raw,
    });
    if (info.rejected.length > 0) {
      throw new Error(`LMTP refused ${info.rejected.join(', ')}: ${info.response}`);
    }
  } finally {
    transport.close();
  }
}
