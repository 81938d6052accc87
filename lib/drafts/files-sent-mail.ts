import { PROVIDERS } from '../mail/discovery/providers.ts';

/**
 * Providers whose SMTP server files what it accepts in the account's Sent folder by itself: a copy
 * appended by the client would show up twice. Gmail does (support.google.com/mail/answer/78892,
 * "Gmail automatically puts sent messages in Sent"); so does Exchange Online for Microsoft 365 and
 * Outlook.com mailboxes (the "save sent items" of the mailbox, on for SMTP AUTH submission).
 */
const FILES_SENT_MAIL = new Set(['google', 'outlook', 'microsoft365']);

/**
 * Whether the server already keeps a copy of a message sent through it, so none is appended
 * (issue 11): the account's own setting if it has one, else what is known for the provider
 * whose SMTP or IMAP host the account uses (accounts do not store which provider found them).
 */
export function filesSentMail(account: { filesSentMail: boolean | null; smtpHost: string; imapHost: string }): boolean {
  if (account.filesSentMail !== null) return account.filesSentMail;
  const smtp = account.smtpHost.toLowerCase().replace(/\.$/, '');
  const imap = account.imapHost.toLowerCase().replace(/\.$/, '');
  return PROVIDERS.some((p) => FILES_SENT_MAIL.has(p.id) && (p.smtp.host === smtp || p.imap.host === imap));
}
