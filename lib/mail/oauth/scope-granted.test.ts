import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scopeGranted } from './scope-granted.ts';

test('a scope is granted when answered as asked, in any case, or without its resource', () => {
  const microsoft = ['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send'];
  assert.equal(scopeGranted(microsoft, 'https://outlook.office.com/SMTP.Send'), true);
  assert.equal(scopeGranted(['IMAP.AccessAsUser.All', 'SMTP.Send'], 'https://outlook.office.com/IMAP.AccessAsUser.All'), true);
  assert.equal(scopeGranted(['https://OUTLOOK.office.com/imap.accessasuser.all'], microsoft[0]!), true);
  assert.equal(scopeGranted(['openid', 'https://mail.google.com/'], 'https://mail.google.com/'), true);
});

test('a scope unticked on the consent page is not granted', () => {
  // Google's granular consent: the person may allow the e-mail address but not the mailbox.
  assert.equal(scopeGranted(['openid', 'https://www.googleapis.com/auth/userinfo.email'], 'https://mail.google.com/'), false);
  assert.equal(scopeGranted(['https://outlook.office.com/IMAP.AccessAsUser.All'], 'https://outlook.office.com/SMTP.Send'), false);
  assert.equal(scopeGranted([], 'https://mail.google.com/'), false);
});
