// The DB layer on both engines: the same migrations, the same queries.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { testEngines } from '../e2e/support/test-engines.ts';
import { openDatabase } from './client.ts';
import { migrateDatabase } from './migrate.ts';
import { deleteSession, findSessionViewer, insertSession } from './queries/sessions.ts';
import { countUsers, createFirstTenant, findUserByEmail, insertUser, listTenantUsers } from './queries/users.ts';

for (const [engine, open] of testEngines) {
  describe(`database layer on ${engine}`, async () => {
    const { database, cleanup } = await open();
    after(cleanup);
    const { db } = database;

    test('migrations apply, and applying them again changes nothing', async () => {
      await migrateDatabase(database);
      await migrateDatabase(database);
      assert.equal(await countUsers(db), 0);
    });

    test('first-run setup creates the tenant and an admin operator, exactly once', async () => {
      const created = await createFirstTenant(db, {
        tenantName: 'Acme',
        name: 'Ann',
        email: ' Ann@Acme.TEST ',
        passwordHash: 'h',
      });
      assert.ok(created);
      assert.equal(created.user.email, 'ann@acme.test');
      assert.equal(created.user.role, 'admin');
      assert.equal(created.user.isOperator, true);
      const again = await createFirstTenant(db, { tenantName: 'Evil', name: 'Eve', email: 'eve@x.test', passwordHash: 'h' });
      assert.equal(again, undefined);
      assert.equal(await countUsers(db), 1);
    });

    test('e-mail addresses are unique regardless of case', async () => {
      const ann = await findUserByEmail(db, 'ANN@acme.test');
      assert.ok(ann);
      const bob = await insertUser(db, {
        tenantId: ann.tenantId,
        email: 'bob@acme.test',
        name: 'Bob',
        passwordHash: 'h',
        role: 'user',
      });
      assert.equal(bob?.role, 'user');
      const dup = await insertUser(db, {
        tenantId: ann.tenantId,
        email: 'BOB@acme.test',
        name: 'Bob 2',
        passwordHash: 'h',
        role: 'user',
      });
      assert.equal(dup, undefined);
      assert.deepEqual(
        (await listTenantUsers(db, ann.tenantId)).map((u) => u.email),
        ['ann@acme.test', 'bob@acme.test'],
      );
    });

    test('sessions resolve to user and tenant until they expire or are deleted', async () => {
      const ann = (await findUserByEmail(db, 'ann@acme.test'))!;
      await insertSession(db, 'live', ann.id, new Date(Date.now() + 60_000));
      await insertSession(db, 'expired', ann.id, new Date(Date.now() - 1));
      const viewer = await findSessionViewer(db, 'live');
      assert.equal(viewer?.user.email, 'ann@acme.test');
      assert.equal(viewer?.tenant.name, 'Acme');
      assert.equal(await findSessionViewer(db, 'expired'), undefined);
      await deleteSession(db, 'live');
      assert.equal(await findSessionViewer(db, 'live'), undefined);
    });

    test('LISTEN/NOTIFY round-trips on this engine', async () => {
      const received: string[] = [];
      const unlisten = await database.listen('crm_test_channel', (payload) => received.push(payload));
      try {
        await database.notify('crm_test_channel', 'hello');
        for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(received, ['hello']);
      } finally {
        await unlisten();
      }
    });
  });
}

test('a second process cannot open the same PGlite directory', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-pglite-lock-'));
  const lock = path.join(dir, 'pglite.lock');
  fs.mkdirSync(path.join(dir, 'pglite'));
  fs.writeFileSync(lock, String(process.ppid)); // a live process that is not us
  try {
    await assert.rejects(openDatabase({ databaseUrl: undefined, dataDir: dir }), /in use by process/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
