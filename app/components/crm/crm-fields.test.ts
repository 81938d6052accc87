import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CRM_FIELDS, formValuesOf, inputOf, splitList } from './crm-fields';

test('a new sale starts open in euros; its amount goes to the API in cents', () => {
  const values = formValuesOf(CRM_FIELDS.sales);
  assert.deepEqual(values, { name: '', companyId: '', status: 'OPEN', amountMinor: '', currency: 'EUR' });
  assert.deepEqual(inputOf(CRM_FIELDS.sales, { ...values, name: ' Licences ', amountMinor: '1234,5' }), {
    name: 'Licences',
    companyId: null,
    status: 'OPEN',
    amountMinor: 123450,
    currency: 'EUR',
  });
  assert.equal(inputOf(CRM_FIELDS.sales, { ...values, amountMinor: '0.1' }).amountMinor, 10);
});

test('a new project starts active; a record shows its lists joined and its company chosen', () => {
  assert.equal(formValuesOf(CRM_FIELDS.projects).status, 'ACTIVE');
  const person = {
    id: 'p',
    name: 'Jan',
    emails: ['a@x.nl', 'b@x.nl'],
    company: { id: 'c', name: 'X' },
    title: null,
    phone: null,
  };
  assert.deepEqual(formValuesOf(CRM_FIELDS.persons, person), {
    name: 'Jan',
    emails: 'a@x.nl, b@x.nl',
    companyId: 'c',
    title: '',
    phone: '',
  });
  assert.deepEqual(
    formValuesOf(CRM_FIELDS.sales, { id: 's', name: 'S', amountMinor: 5, currency: null, status: 'WON' }).amountMinor,
    '0.05',
  );
});

test('lists split on commas, semicolons and white space; emptied text clears the field', () => {
  assert.deepEqual(splitList(' a@x.nl,b@x.nl;\nc@x.nl  '), ['a@x.nl', 'b@x.nl', 'c@x.nl']);
  assert.deepEqual(inputOf(CRM_FIELDS.companies, { name: 'Acme', domains: '', phone: ' ', address: 'Dam 1\nAmsterdam' }), {
    name: 'Acme',
    domains: [],
    phone: null,
    address: 'Dam 1\nAmsterdam',
  });
});
