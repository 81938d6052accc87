import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planFolderAction, validateFolderName, type KnownFolder } from './plan-folder-action.ts';

const at = (id: string, path: string, extra: Partial<KnownFolder> = {}): KnownFolder => ({
  id,
  path,
  specialUse: null,
  delimiter: '/',
  messages: 0,
  ...extra,
});
const inbox = at('inbox', 'INBOX', { specialUse: '\\Inbox', messages: 3 });
const trash = at('trash', 'Trash', { specialUse: '\\Trash' });
const work = at('work', 'Work');
const projects = at('projects', 'Work/Projects', { messages: 2 });
const folders = [inbox, trash, work, projects];

test('names: trimmed and normalised; empty, delimiter, wildcards, control characters and a top-level INBOX refused', () => {
  assert.equal(validateFolderName('  Cafe\u0301 ', '/', true), 'Café');
  for (const bad of ['', '   ', 'a/b', 'a*', '50%', 'tab\there', 'x'.repeat(201), 'inbox'])
    assert.throws(() => validateFolderName(bad, '/', true), { code: 'BAD_USER_INPUT', field: 'name' }, bad);
  assert.equal(validateFolderName('a.b', '/', true), 'a.b', 'a dot is fine where the delimiter is /');
  assert.throws(() => validateFolderName('a.b', '.', true), { code: 'BAD_USER_INPUT' });
  assert.throws(
    () => validateFolderName('a.b', null, true),
    { code: 'BAD_USER_INPUT' },
    'delimiter unknown: both usual ones refused',
  );
  assert.equal(validateFolderName('INBOX', '/', false), 'INBOX', 'only the top-level INBOX is the inbox');
});

test('create: at the top, or under the parent with its delimiter; an existing path refused', () => {
  const create = (name: string, parent: KnownFolder | null) =>
    planFolderAction({ type: 'create', accountId: 'a', name, parentId: parent?.id ?? null }, folders, parent);
  assert.deepEqual(create('Clients', null), { kind: 'create_folder', targetFolderId: null, folderPath: 'Clients' });
  assert.deepEqual(create('2027', projects).folderPath, 'Work/Projects/2027');
  assert.deepEqual(create('Old', at('x', 'Lists', { delimiter: '.' })).folderPath, 'Lists.Old');
  assert.throws(() => create('Projects', work), { code: 'MAIL_FOLDER_EXISTS' });
  assert.throws(() => create('Work', null), { code: 'MAIL_FOLDER_EXISTS' });
  assert.equal(create('work', null).folderPath, 'work', 'IMAP names are case-sensitive (but INBOX)');
});

test('rename: within the same parent; INBOX, special-use folders and their parents protected', () => {
  const rename = (target: KnownFolder, name: string) =>
    planFolderAction({ type: 'rename', folderId: target.id, name }, folders, target);
  assert.deepEqual(rename(projects, 'Clients'), {
    kind: 'rename_folder',
    targetFolderId: 'projects',
    folderPath: 'Work/Clients',
  });
  assert.equal(rename(work, 'Job').folderPath, 'Job');
  assert.throws(() => rename(inbox, 'Post'), { code: 'MAIL_FOLDER_PROTECTED' });
  assert.throws(() => rename(trash, 'Bin'), { code: 'MAIL_FOLDER_PROTECTED' });
  const holder = at('h', 'Mail');
  assert.throws(
    () =>
      planFolderAction(
        { type: 'rename', folderId: 'h', name: 'X' },
        [holder, at('s', 'Mail/Sent', { specialUse: '\\Sent' })],
        holder,
      ),
    { code: 'MAIL_FOLDER_PROTECTED' },
  );
  assert.throws(() => rename(work, 'Trash'), { code: 'MAIL_FOLDER_EXISTS' });
  assert.throws(() => rename(work, 'Work'), { code: 'BAD_USER_INPUT' });
});

test('delete: only an empty folder without subfolders, never a protected one', () => {
  const del = (target: KnownFolder) => planFolderAction({ type: 'delete', folderId: target.id }, folders, target);
  assert.deepEqual(del(at('empty', 'Work/Empty')), { kind: 'delete_folder', targetFolderId: 'empty', folderPath: null });
  assert.throws(() => del(projects), { code: 'MAIL_FOLDER_NOT_EMPTY' }, 'messages');
  assert.throws(() => del(work), { code: 'MAIL_FOLDER_NOT_EMPTY' }, 'a subfolder');
  assert.throws(() => del(trash), { code: 'MAIL_FOLDER_PROTECTED' });
  assert.throws(() => del(inbox), { code: 'MAIL_FOLDER_PROTECTED' });
});
