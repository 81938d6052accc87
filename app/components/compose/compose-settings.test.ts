import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookieValue, opensComposer, parseMailLink, parseUndoSend } from './compose-settings';

test('undo send: the offered delays survive the cookie; anything else is 10 s', () => {
  for (const n of [0, 5, 10, 20, 30]) assert.equal(parseUndoSend(String(n)), n);
  for (const junk of [undefined, '', '7', '31', '-5', '10.0', 'off']) assert.equal(parseUndoSend(junk), 10, String(junk));
});

test('address links: composer unless the cookie says mailto', () => {
  assert.equal(parseMailLink('mailto'), 'mailto');
  assert.equal(parseMailLink('composer'), 'composer');
  assert.equal(parseMailLink(undefined), 'composer');
  assert.equal(parseMailLink('outlook'), 'composer');
});

test('a cookie is found among the others by its exact name', () => {
  assert.equal(cookieValue('theme=dark; undo-send=20; mail-links=mailto', 'undo-send'), '20');
  assert.equal(cookieValue('x-undo-send=20', 'undo-send'), undefined);
  assert.equal(cookieValue('', 'mail-links'), undefined);
});

test('an address link opens the composer on a plain click unless the mail app was chosen', () => {
  const click = { button: 0, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false };
  assert.equal(opensComposer(click, ''), true);
  assert.equal(opensComposer(click, 'mail-links=composer'), true);
  assert.equal(opensComposer(click, 'theme=dark; mail-links=mailto'), false);
  assert.equal(opensComposer({ ...click, ctrlKey: true }, ''), false);
  assert.equal(opensComposer({ ...click, metaKey: true }, ''), false);
  assert.equal(opensComposer({ ...click, button: 1 }, ''), false);
});
