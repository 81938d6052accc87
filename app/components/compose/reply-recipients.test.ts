import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRecipient, replyRecipients, type ReplySource } from './reply-recipients';

const a = (name: string, address: string) => ({ name, address });
const me = ['me@crm.test', 'Second@Crm.Test'];

const message: ReplySource = {
  from: [a('Ann', 'ann@x.nl')],
  replyTo: [],
  to: [a('Me', 'me@crm.test'), a('Bob', 'bob@y.com')],
  cc: [a('', 'cara@z.org'), a('', 'second@crm.test'), a('Ann again', 'ANN@x.nl')],
};

test('reply goes to the author; reply all adds To and Cc without the user and without doubles', () => {
  assert.deepEqual(replyRecipients(message, 'reply', me), { to: ['Ann <ann@x.nl>'], cc: [] });
  assert.deepEqual(replyRecipients(message, 'replyAll', me), {
    to: ['Ann <ann@x.nl>', 'Bob <bob@y.com>'],
    cc: ['cara@z.org'],
  });
});

test('Reply-To wins over From', () => {
  const list = { ...message, replyTo: [a('Sales list', 'sales@x.nl')] };
  assert.deepEqual(replyRecipients(list, 'reply', me).to, ['Sales list <sales@x.nl>']);
  assert.deepEqual(replyRecipients(list, 'replyAll', me).to, ['Sales list <sales@x.nl>', 'Bob <bob@y.com>']);
});

test("answering one's own message writes to its recipients again", () => {
  const sent: ReplySource = {
    from: [a('Me', 'me@crm.test')],
    replyTo: [],
    to: [a('Bob', 'bob@y.com')],
    cc: [a('', 'cara@z.org')],
  };
  assert.deepEqual(replyRecipients(sent, 'reply', me), { to: ['Bob <bob@y.com>'], cc: [] });
  assert.deepEqual(replyRecipients(sent, 'replyAll', me), { to: ['Bob <bob@y.com>'], cc: ['cara@z.org'] });
  const copyToSelf = { ...sent, to: [a('Bob', 'bob@y.com'), a('Me', 'me@crm.test')] };
  assert.deepEqual(replyRecipients(copyToSelf, 'reply', me).to, ['Bob <bob@y.com>']);
  const noteToSelf = { ...sent, to: [a('Me', 'me@crm.test')], cc: [] };
  assert.deepEqual(replyRecipients(noteToSelf, 'reply', me).to, ['Me <me@crm.test>']);
});

test('names with special characters are quoted; a name equal to the address is dropped', () => {
  assert.equal(formatRecipient(a('Jansen, Piet', 'piet@x.nl')), '"Jansen, Piet" <piet@x.nl>');
  assert.equal(formatRecipient(a("Zoë O'Neill-Brûlé", 'z@x.nl')), "Zoë O'Neill-Brûlé <z@x.nl>");
  assert.equal(formatRecipient(a('say "hi"', 'h@x.nl')), '"say \\"hi\\"" <h@x.nl>');
  assert.equal(formatRecipient(a('piet@x.nl', 'piet@x.nl')), 'piet@x.nl');
});
