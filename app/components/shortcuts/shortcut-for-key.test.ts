// shortcutForKey: which key presses are inbox shortcuts, and which are left to typing and the browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortcutForKey, type KeyPress } from './shortcut-for-key';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  target: 'other',
  ...more,
});

test('the letters map to their commands', () => {
  assert.equal(shortcutForKey(press('j')), 'next');
  assert.equal(shortcutForKey(press('k')), 'previous');
  assert.equal(shortcutForKey(press('o')), 'open');
  assert.equal(shortcutForKey(press('u')), 'backToList');
  assert.equal(shortcutForKey(press('s')), 'toggleFlag');
  assert.equal(shortcutForKey(press('v')), 'move');
  assert.equal(shortcutForKey(press('x')), null);
});

test('Shift+U marks unread; other shifted letters are nothing', () => {
  assert.equal(shortcutForKey(press('U', { shiftKey: true })), 'markUnread');
  assert.equal(shortcutForKey(press('J', { shiftKey: true })), null);
  assert.equal(shortcutForKey(press('S', { shiftKey: true })), null);
});

test('Caps Lock (a capital without Shift) is the plain letter', () => {
  assert.equal(shortcutForKey(press('J')), 'next');
  assert.equal(shortcutForKey(press('U')), 'backToList');
});

test('symbols are taken as typed, with the Shift the layout needs', () => {
  assert.equal(shortcutForKey(press('#', { shiftKey: true })), 'delete');
  assert.equal(shortcutForKey(press('?', { shiftKey: true })), 'help');
  assert.equal(shortcutForKey(press('/')), 'search');
});

test('nothing while typing, composing, or with Ctrl, Alt or Meta', () => {
  for (const key of ['j', 'k', '#', '/', '?', 'Enter']) {
    assert.equal(shortcutForKey(press(key, { target: 'text' })), null, key);
    assert.equal(shortcutForKey(press(key, { ctrlKey: true })), null, key);
    assert.equal(shortcutForKey(press(key, { altKey: true })), null, key);
    assert.equal(shortcutForKey(press(key, { metaKey: true })), null, key);
    assert.equal(shortcutForKey(press(key, { isComposing: true })), null, key);
  }
  // AltGr on a Windows layout reports Ctrl+Alt with the character.
  assert.equal(shortcutForKey(press('#', { ctrlKey: true, altKey: true })), null);
});

test('Enter opens, except on a link or button, which opens or presses on its own', () => {
  assert.equal(shortcutForKey(press('Enter')), 'open');
  assert.equal(shortcutForKey(press('Enter', { target: 'control' })), null);
  assert.equal(shortcutForKey(press('Enter', { shiftKey: true })), null);
});

test('letters still work with focus on a link or button (a list row)', () => {
  assert.equal(shortcutForKey(press('j', { target: 'control' })), 'next');
  assert.equal(shortcutForKey(press('#', { target: 'control', shiftKey: true })), 'delete');
});

test('named keys are not letters', () => {
  assert.equal(shortcutForKey(press('Escape')), null);
  assert.equal(shortcutForKey(press('ArrowDown')), null);
  assert.equal(shortcutForKey(press('Unidentified')), null);
});

test('c, r, a, f write: new, reply, reply all, forward; not while typing, not with Ctrl (Ctrl+C copies)', () => {
  assert.equal(shortcutForKey(press('c')), 'compose');
  assert.equal(shortcutForKey(press('r')), 'reply');
  assert.equal(shortcutForKey(press('a')), 'replyAll');
  assert.equal(shortcutForKey(press('f')), 'forward');
  assert.equal(shortcutForKey(press('R', { target: 'control' })), 'reply');
  for (const key of ['c', 'r', 'a', 'f']) {
    assert.equal(shortcutForKey(press(key, { target: 'text' })), null, key);
    assert.equal(shortcutForKey(press(key, { ctrlKey: true })), null, key);
    assert.equal(shortcutForKey(press(key, { metaKey: true })), null, key);
    assert.equal(shortcutForKey(press(key.toUpperCase(), { shiftKey: true })), null, key);
  }
});

test('e archives the open message to the CRM; not while typing, not with Ctrl or Shift', () => {
  assert.equal(shortcutForKey(press('e')), 'archive');
  assert.equal(shortcutForKey(press('E')), 'archive');
  assert.equal(shortcutForKey(press('e', { target: 'control' })), 'archive');
  assert.equal(shortcutForKey(press('e', { target: 'text' })), null);
  assert.equal(shortcutForKey(press('e', { ctrlKey: true })), null);
  assert.equal(shortcutForKey(press('E', { shiftKey: true })), null);
});
