import assert from 'node:assert/strict';
import { test } from 'node:test';
import { companyNameFromDomain, domainOf, personNameFromSender } from './sender-names';

test('a company name is suggested from the domain, skipping mail host labels', () => {
  assert.equal(companyNameFromDomain('acme.nl'), 'Acme');
  assert.equal(companyNameFromDomain('mail.acme.nl'), 'Acme');
  assert.equal(companyNameFromDomain('www.globex.co.uk'), 'Globex');
  assert.equal(companyNameFromDomain('mail.nl'), 'Mail');
  assert.equal(domainOf('Jan@ACME.nl'), 'acme.nl');
  assert.equal(domainOf('nobody'), '');
});

test("a person's name is the display name, else the address's local part made readable", () => {
  assert.equal(personNameFromSender(' Jan Jansen ', 'jan@acme.nl'), 'Jan Jansen');
  assert.equal(personNameFromSender('"Jansen, Jan"', 'jan@acme.nl'), 'Jansen, Jan');
  assert.equal(personNameFromSender('', 'jan.de_vries@acme.nl'), 'Jan De Vries');
  assert.equal(personNameFromSender('jan@acme.nl', 'jan@acme.nl'), 'Jan');
});
