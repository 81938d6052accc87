import 'server-only';
import type { Db } from '../../db/client.ts';
import { findUserMailAccount, storeSmtpMaxSize } from '../../db/queries/mail-accounts.ts';
import { listOutboxAttachments, storeComposedMessage } from '../../db/queries/outbox.ts';
import type { OutboxMessage } from '../../db/schema/index.ts';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import { AppError } from '../errors.ts';
import type { AccessTokenSource } from '../mail-accounts/access-token-source.ts';
import { serverForConnecting } from '../mail-accounts/server-for-connecting.ts';
import { composeMessage, envelopeOf } from '../mail/mime/compose-message.ts';
import type { OutboundNetwork } from '../mail/network/outbound-guard.ts';
import { submitMessage } from '../mail/smtp/submit-message.ts';
import type { SmtpTimeouts } from '../mail/smtp/smtp-transport-options.ts';
import type { SubmitMessage } from './outbox-sender.ts';

/**
 * The outbox sender's SMTP side: the message's bytes are composed at its first attempt (Date =
 * then; Message-ID = fixed when queued) and stored, so every retry and the copy in Sent are the
 * same bytes; then submitted through the account's SMTP server with its stored credentials (a fresh
 * access token for an OAuth2 account). The
 * server's SIZE limit seen on the way is kept on the account.
 */
export function outboxSubmitter(deps: {
  db: Db;
  credentialsKey: CredentialsKey;
  /** Fresh access tokens for OAuth2 accounts. @default noAccessTokenSource */
  accessTokens?: AccessTokenSource;
  network: OutboundNetwork;
  allowPlaintextAuth: boolean;
  timeouts?: SmtpTimeouts;
}): SubmitMessage {
  const { db } = deps;
  return async (message: OutboxMessage, handedOver: () => void) => {
    const account = await findUserMailAccount(db, message.userId, message.accountId);
    // The account was removed after queuing (its outbox rows go with it, cascade): nothing to send from.
    if (!account)
      throw Object.assign(new AppError('NOT_FOUND', { message: 'The mail account was removed.' }), { responseCode: 550 });
    const { draft } = message;
    let raw = message.raw;
    if (!raw) {
      const attachments = await listOutboxAttachments(db, message.id);
      ({ raw } = await composeMessage({
        from: { name: draft.fromName, address: account.email },
        to: draft.to,
        cc: draft.cc,
        bcc: draft.bcc,
        subject: draft.subject,
        text: draft.text,
        html: draft.html,
        inReplyTo: draft.inReplyTo,
        references: draft.references,
        attachments,
        messageId: message.messageId,
        date: new Date(),
      }));
      await storeComposedMessage(db, message.id, raw);
    }
    // Before any byte goes out: an OAuth2 account that must sign in again fails the message at once (not retryable).
    const server = await serverForConnecting(account, 'smtp', deps);
    const submitted = await submitMessage(
      server,
      envelopeOf(account.email, [...draft.to, ...draft.cc, ...draft.bcc]),
      raw,
      {
        network: deps.network,
        allowPlaintextAuth: deps.allowPlaintextAuth,
        trustedFingerprint: server.trustedFingerprint,
        timeouts: deps.timeouts,
      },
      handedOver,
    );
    // The composer's limit follows the server's (RFC 1870 SIZE may change with the provider's
    // plan); a failed write must not turn an accepted message into a failed send.
    if (submitted.maxSize !== account.smtpMaxSize) await storeSmtpMaxSize(db, account.id, submitted.maxSize).catch(() => {});
    return submitted;
  };
}
