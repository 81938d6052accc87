/**
 * What an SMTP submission that did not end with "250 accepted" means for the outbox, decided
 * purely (STYLE.md rule 1; the sender carries it out):
 *
 * - `retry`: the server certainly did not take the message — a 4xx reply (RFC 5321 §4.2.1:
 *   transient, "try again later"), or the connection failed before the last byte of the message
 *   was handed over. Sent again after a backoff.
 * - `failed`: the server refused for good — a 5xx reply (bad recipient, message too large,
 *   policy), or the account's login was refused. The message stays in the Outbox with the
 *   server's own words, for the person to edit and send again.
 * - `uncertain`: the whole message was handed over and then the connection broke before the
 *   server's reply to the end of data (RFC 5321 §4.1.1.4 "." → 250). The server may have accepted
 *   it; sending again could deliver it twice (RFC 1047 names this window). Never resent
 *   automatically: looked up in Sent by its Message-ID, or left for the person to decide.
 */
export type SendOutcome = 'retry' | 'failed' | 'uncertain';

export interface SendFailure {
  /** The SMTP reply code, when the server answered (nodemailer's `responseCode`). */
  responseCode?: number;
  /** nodemailer's error code: EAUTH, EENVELOPE, EMESSAGE, ECONNECTION, ETIMEDOUT, ESOCKET, ETLS… */
  code?: string;
  /**
   * `false` on our own AppErrors for which a later attempt cannot help (lib/errors.ts `retry`): the
   * account must sign in again (MAIL_OAUTH_RECONNECT_REQUIRED) or its password no longer opens.
   */
  retryable?: boolean;
}

export function classifySendFailure(failure: SendFailure, messageHandedOver: boolean): SendOutcome {
  const reply = failure.responseCode;
  if (reply !== undefined && reply >= 500 && reply < 600) return 'failed';
  if (reply !== undefined && reply >= 400 && reply < 500) return 'retry';
  // A refused login answered with a code is handled above; EAUTH without one (no AUTH offered,
  // no matching mechanism) will not change by itself either.
  if (failure.code === 'EAUTH' || failure.code === 'ETLS' || failure.retryable === false) return 'failed';
  return messageHandedOver ? 'uncertain' : 'retry';
}

/** Attempts before a message whose sends keep failing transiently is reported as failed. @default 8 */
export const MAX_SEND_ATTEMPTS = 8;
