import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orderFoldersForSync, type ListedFolder } from './order-folders.ts';

const folder = (path: string, specialUse?: string, flags: string[] = []): ListedFolder => ({
  path,
  name: path.split('/').pop()!,
  flags: new Set(flags),
  ...(specialUse ? { specialUse } : {}),
});

test('Inbox, then Sent, then the rest by path; Junk and Trash last', () => {
  const ordered = orderFoldersForSync([
    folder('Trash', '\\Trash'),
    folder('Projects'),
    folder('Junk', '\\Junk'),
    folder('Sent', '\\Sent'),
    folder('Archive', '\\Archive'),
    folder('INBOX', '\\Inbox'),
    folder('Clients'),
  ]);
  assert.deepEqual(
    ordered.map((f) => f.path),
    ['INBOX', 'Sent', 'Archive', 'Clients', 'Projects', 'Junk', 'Trash'],
  );
});

test('hierarchy-only and virtual folders are skipped', () => {
  const ordered = orderFoldersForSync([
    folder('[Gmail]', undefined, ['\\Noselect']),
    folder('[Gmail]/All Mail', '\\All'),
    folder('[Gmail]/Starred', '\\Flagged'),
    folder('Gone', undefined, ['\\NonExistent']),
    folder('INBOX', '\\Inbox'),
  ]);
  assert.deepEqual(
    ordered.map((f) => f.path),
    ['INBOX'],
  );
});
