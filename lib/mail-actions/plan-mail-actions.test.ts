import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planMailActions } from './plan-mail-actions.ts';

const folders = [
  { id: 'trash-a', accountId: 'a', specialUse: '\\Trash' },
  { id: 'junk-a', accountId: 'a', specialUse: '\\Junk' },
  { id: 'trash-b', accountId: 'b', specialUse: '\\Trash' },
];
const at = (id: string, accountId: string, folderId: string) => ({ id, accountId, folderId, specialUse: null });

test('one action per account; seen and flag are kinds of their own', () => {
  const rows = [at('1', 'a', 'inbox-a'), at('2', 'b', 'inbox-b'), at('3', 'a', 'inbox-a')];
  assert.deepEqual(planMailActions({ type: 'mark', messageIds: ['1', '2', '3'], seen: false }, rows, folders), [
    { accountId: 'a', kind: 'unseen', messageIds: ['1', '3'], targetFolderId: null },
    { accountId: 'b', kind: 'unseen', messageIds: ['2'], targetFolderId: null },
  ]);
  assert.equal(planMailActions({ type: 'flag', messageIds: ['2'], flagged: true }, [rows[1]!], folders)[0]!.kind, 'flag');
});

test('delete goes to Trash, and for good from Trash; spam to Junk; a missing one refuses', () => {
  const rows = [at('1', 'a', 'inbox-a'), at('2', 'a', 'trash-a')];
  assert.deepEqual(planMailActions({ type: 'delete', messageIds: ['1', '2'] }, rows, folders), [
    { accountId: 'a', kind: 'delete', messageIds: ['2'], targetFolderId: null },
    { accountId: 'a', kind: 'delete', messageIds: ['1'], targetFolderId: 'trash-a' },
  ]);
  assert.deepEqual(planMailActions({ type: 'spam', messageIds: ['1'] }, [rows[0]!], folders)[0]!.targetFolderId, 'junk-a');
  assert.throws(() => planMailActions({ type: 'spam', messageIds: ['9'] }, [at('9', 'b', 'inbox-b')], folders), {
    code: 'MAIL_FOLDER_MISSING',
    details: { role: 'Junk' },
    message: 'This mailbox has no Junk folder on the mail server.',
  });
  assert.throws(() => planMailActions({ type: 'delete', messageIds: ['9'] }, [at('9', 'c', 'inbox-c')], folders), {
    code: 'MAIL_FOLDER_MISSING',
    details: { role: 'Trash' },
  });
});

test('a move stays within the messages’ account', () => {
  const rows = [at('1', 'a', 'inbox-a'), at('2', 'b', 'inbox-b')];
  assert.throws(
    () => planMailActions({ type: 'move', messageIds: ['1', '2'], folderId: 'x' }, rows, folders, { id: 'x', accountId: 'a' }),
    { code: 'BAD_USER_INPUT', field: 'folderId' },
  );
  assert.deepEqual(
    planMailActions({ type: 'move', messageIds: ['1'], folderId: 'x' }, [rows[0]!], folders, { id: 'x', accountId: 'a' }),
    [{ accountId: 'a', kind: 'move', messageIds: ['1'], targetFolderId: 'x' }],
  );
});
