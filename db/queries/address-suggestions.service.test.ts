/**
 * addressSuggestions' store (issue 11) on both engines: correspondents derived by the trigger as
 * mail is stored through the import's own insert (insertMessages), senders of received mail and
 * recipients of sent mail, ranked by frequency and recency, prefix on address or any word of the
 * name, each address once, the user's own addresses and other users' mail left out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrateDatabase } from '../migrate.ts';
import { mailFolders, personEmails, persons, type MailAddress } from '../schema/index.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { testEngines, type OpenedEngine } from '../../e2e/support/test-engines.ts';
import { suggestAddresses } from './address-suggestions.ts';
import { insertMessages } from './messages.ts';

const DAY = 86_400_000;

for (const [engine, open] of testEngines) {
  describe(`address suggestions on ${engine}`, () => {
    let opened: OpenedEngine;
    let viewer: { userId: string; tenantId: string; accountId: string };
    let other: { userId: string; tenantId: string; accountId: string };
    let inbox: string;
    let sent: string;
    let otherInbox: string;
    let uid = 0;
    const db = () => opened.database.db;

    const store = (
      folderId: string,
      accountId: string,
      daysAgo: number,
      from: MailAddress[],
      to: MailAddress[] = [],
      cc: MailAddress[] = [],
    ) =>
      insertMessages(db(), [
        { accountId, folderId, uidValidity: 1, uid: ++uid, internalDate: new Date(Date.now() - daysAgo * DAY), from, to, cc },
      ]);

    before(async () => {
      opened = await open();
      await migrateDatabase(opened.database);
      viewer = await insertTestAccount(db(), { email: 'me@acme.test' });
      other = await insertTestAccount(db(), { email: 'them@else.test' });
      const folders = await db()
        .insert(mailFolders)
        .values([
          { accountId: viewer.accountId, path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox' },
          { accountId: viewer.accountId, path: 'Sent', name: 'Sent', specialUse: '\\Sent' },
          { accountId: other.accountId, path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox' },
        ])
        .returning();
      [inbox, sent, otherInbox] = folders.map((f) => f.id) as [string, string, string];
    });
    after(async () => {
      await opened?.cleanup();
    });

    test('senders of received mail and recipients of sent mail, ranked by how often and how recently', async () => {
      const ann = { name: 'Ann Smit', address: 'Ann@Klant.nl' };
      // Ann wrote weekly for a while; Anton once, long ago; Anouk once, yesterday.
      for (let i = 1; i <= 6; i++) await store(inbox, viewer.accountId, i * 7, [ann], [{ name: '', address: 'me@acme.test' }]);
      await store(inbox, viewer.accountId, 900, [{ name: 'Anton Bos', address: 'anton@old.nl' }]);
      await store(inbox, viewer.accountId, 1, [{ name: 'Anouk de Vries', address: 'anouk@vries.nl' }]);
      // Sent: To and Cc count, From (the viewer) does not.
      await store(
        sent,
        viewer.accountId,
        2,
        [{ name: 'Me', address: 'me@acme.test' }],
        [{ name: '', address: 'ann@klant.nl' }],
        [{ name: 'Bart Andersen', address: 'bart@andersen.nl' }],
      );
      // Another user's correspondent never shows up for the viewer.
      await store(otherInbox, other.accountId, 1, [{ name: 'Anna Privé', address: 'anna@private.nl' }]);

      const found = await suggestAddresses(db(), viewer, 'an', 20);
      assert.deepEqual(
        found.map((s) => s.address),
        ['ann@klant.nl', 'anouk@vries.nl', 'bart@andersen.nl', 'anton@old.nl'],
        'frequent first, then recent; Bart by his surname; the other user’s Anna absent',
      );
      assert.equal(found[0]!.name, 'Ann Smit', 'the name kept when the last mail had none');
      assert.deepEqual(
        (await suggestAddresses(db(), viewer, 'ME@', 20)).map((s) => s.address),
        [],
        'the viewer’s own address is never suggested',
      );
      assert.deepEqual(
        (await suggestAddresses(db(), viewer, 'VRIES', 20)).map((s) => s.address),
        ['anouk@vries.nl'],
      );
      assert.equal((await suggestAddresses(db(), viewer, 'an', 2)).length, 2, 'at most `first`');
      assert.deepEqual(await suggestAddresses(db(), viewer, '%', 20), [], 'LIKE wildcards are literal');
      assert.deepEqual(await suggestAddresses(db(), viewer, '_nn', 20), []);
    });

    test('CRM persons of the organisation follow the correspondents; a correspondent keeps the CRM name when mail gave none', async () => {
      const person = async (tenantId: string, name: string, ...addresses: string[]) => {
        const [row] = await db().insert(persons).values({ tenantId, name }).returning();
        await db()
          .insert(personEmails)
          .values(addresses.map((address) => ({ personId: row!.id, tenantId, address })));
      };
      await person(viewer.tenantId, 'Annemarie Kok', 'annemarie@kok.nl');
      await person(viewer.tenantId, 'Ann Smit (CRM)', 'ann@klant.nl');
      await person(viewer.tenantId, 'Zora Andersson', 'zora@and.se');
      await person(viewer.tenantId, 'Me Myself', 'me@acme.test');
      await person(other.tenantId, 'Annabel Elders', 'annabel@else.test');
      await store(inbox, viewer.accountId, 3, [{ name: '', address: 'piet@nameless.nl' }]);
      await person(viewer.tenantId, 'Piet Naamloos', 'piet@nameless.nl');

      assert.deepEqual(
        (await suggestAddresses(db(), viewer, 'an', 20)).map((s) => [s.name, s.address]),
        [
          ['Ann Smit', 'ann@klant.nl'],
          ['Anouk de Vries', 'anouk@vries.nl'],
          ['Bart Andersen', 'bart@andersen.nl'],
          ['Anton Bos', 'anton@old.nl'],
          ['Annemarie Kok', 'annemarie@kok.nl'],
          ['Zora Andersson', 'zora@and.se'],
        ],
        'correspondents first as before, then CRM persons by name; another organisation’s person absent',
      );
      assert.deepEqual(await suggestAddresses(db(), viewer, 'piet', 20), [
        { name: 'Piet Naamloos', address: 'piet@nameless.nl' },
      ]);
      assert.deepEqual(
        await suggestAddresses(db(), viewer, 'me', 20),
        [],
        'the viewer’s own address, also as a CRM person, never',
      );
    });
  });
}
