import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filesSentMail } from './files-sent-mail.ts';

const account = (smtpHost: string, imapHost: string, override: boolean | null = null) => ({
  smtpHost,
  imapHost,
  filesSentMail: override,
});

test('Gmail and Microsoft file sent mail themselves; others get a copy appended', () => {
  assert.equal(filesSentMail(account('smtp.gmail.com', 'imap.gmail.com')), true);
  assert.equal(filesSentMail(account('SMTP.Office365.com.', 'outlook.office365.com')), true);
  assert.equal(filesSentMail(account('smtp-mail.outlook.com', 'outlook.office365.com')), true);
  assert.equal(filesSentMail(account('smtp.fastmail.com', 'imap.fastmail.com')), false);
  assert.equal(filesSentMail(account('mail.example.nl', 'mail.example.nl')), false);
});

test('the account’s own setting wins over the provider’s default, both ways', () => {
  assert.equal(filesSentMail(account('smtp.gmail.com', 'imap.gmail.com', false)), false);
  assert.equal(filesSentMail(account('mail.example.nl', 'mail.example.nl', true)), true);
});
