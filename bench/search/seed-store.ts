import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { mailAccounts, mailFolders } from '../../db/schema/index.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';

/** English and Dutch words the synthetic subjects and bodies are drawn from. */
const WORDS = (
  'the meeting report weekly invoice offerte vergadering project klant customer planning budget review team ' +
  'morgen vandaag please thanks groet regards contract factuur levering delivery order bestelling prijs price ' +
  'update status agenda notulen minutes call bellen email bericht message proposal voorstel quarter kwartaal ' +
  'sales verkoop support ticket issue probleem oplossing solution release versie version deadline afspraak ' +
  'appointment office kantoor lunch dinner travel reis hotel flight vlucht payment betaling reminder herinnering ' +
  'overdue achterstallig ongoing lopend approved goedgekeurd draft concept final definitief'
).split(' ');

const FILE_NAMES = ['offerte', 'factuur', 'contract', 'notulen', 'planning', 'presentatie', 'report', 'scan'];
const FILE_TYPES = ['pdf', 'docx', 'xlsx', 'pptx', 'jpg'];

/** The word only RARE_EVERY-th message of the viewer carries in its body. */
export const RARE_WORD = 'zeldzaamwoord';
const RARE_EVERY = 5_000;

export interface SeededStore {
  /** The user whose searches are measured: two accounts, six folders. */
  viewerUserId: string;
  /** The viewer's folders, largest first, with their message counts. */
  viewerFolders: Array<{ id: string; path: string; messages: number }>;
  /** Messages of another user in the same database (a fifth of the store): the scoping must skip them. */
  otherMessages: number;
}

interface FolderSlot {
  accountId: string;
  path: string;
  /** Share of the store, in per-mille. */
  share: number;
  label: string;
}

const SEALED = { data: 'not-used', keyId: 'not-used' };

/**
 * Seeds `count` messages straight into the database with INSERT … SELECT from generate_series:
 * envelope rows (subject, from/to, dates over three years, flags), a text body of ~120 words for
 * each, and an attachment row for every tenth. 80 % belong to the viewer (two accounts), 20 % to
 * another user. Bodies are stored (as the extraction worker stores them) and search vectors left null, for
 * index-store.ts.
 */
export async function seedStore(db: Db, count: number): Promise<SeededStore> {
  const viewer = await insertTestAccount(db, { email: 'viewer@bench.test', host: 'h', imapPort: 1, smtpPort: 1, sealed: SEALED });
  const [second] = await db
    .insert(mailAccounts)
    .values({
      tenantId: viewer.tenantId,
      userId: viewer.userId,
      email: 'viewer.private@bench.test',
      settingsSource: 'manual',
      imapHost: 'h',
      imapPort: 1,
      imapSsl: true,
      imapUsername: 'viewer.private@bench.test',
      imapSecretSealed: SEALED.data,
      imapSecretKeyId: SEALED.keyId,
      smtpHost: 'h',
      smtpPort: 1,
      smtpSsl: true,
      smtpUsername: 'viewer.private@bench.test',
      smtpSecretSealed: SEALED.data,
      smtpSecretKeyId: SEALED.keyId,
      status: 'connected',
    })
    .returning();
  const other = await insertTestAccount(db, { email: 'other@bench.test', host: 'h', imapPort: 1, smtpPort: 1, sealed: SEALED });
  const slots: FolderSlot[] = [
    { accountId: viewer.accountId, label: 'viewer@', path: 'INBOX', share: 400 },
    { accountId: viewer.accountId, label: 'viewer@', path: 'Archive', share: 150 },
    { accountId: viewer.accountId, label: 'viewer@', path: 'Sent', share: 100 },
    { accountId: viewer.accountId, label: 'viewer@', path: 'Projects', share: 50 },
    { accountId: second!.id, label: 'private@', path: 'INBOX', share: 80 },
    { accountId: second!.id, label: 'private@', path: 'Sent', share: 20 },
    { accountId: other.accountId, label: 'other@', path: 'INBOX', share: 200 },
  ];
  const folders = [];
  for (const slot of slots) {
    const [folder] = await db
      .insert(mailFolders)
      .values({ accountId: slot.accountId, path: slot.path, name: slot.path, specialUse: slot.path === 'Sent' ? '\\Sent' : null })
      .returning();
    folders.push({ ...slot, id: folder!.id });
  }
  // Folder of message i: by i % 1000 against the cumulative shares.
  let from = 0;
  const ranges = folders.map((f) => {
    const range = { ...f, lo: from, hi: from + f.share };
    from += f.share;
    return range;
  });
  const folderCase = sql.join(
    ranges.map((r) => sql`when i % 1000 < ${r.hi} then ${r.id}::uuid`),
    sql` `,
  );
  const accountCase = sql.join(
    ranges.map((r) => sql`when i % 1000 < ${r.hi} then ${r.accountId}::uuid`),
    sql` `,
  );
  const words = sql`${`{${WORDS.join(',')}}`}::text[]`;
  const n = WORDS.length;
  await db.execute(sql`
    insert into messages (account_id, folder_id, uid_validity, uid, message_id, internal_date, sent_at, subject,
      "from", "to", seen, flagged, has_attachments, size, snippet, body_state)
    select case ${accountCase} end, case ${folderCase} end, 1, i, 'bench-' || i || '@bench.test',
      timestamptz '2024-01-01' + (i::float8 / ${count} * interval '1065 days'),
      timestamptz '2024-01-01' + (i::float8 / ${count} * interval '1065 days') - interval '2 minutes',
      initcap(w[1 + abs(hashint8(i * 3)::int8) % ${n}]) || ' ' || w[1 + abs(hashint8(i * 3 + 1)::int8) % ${n}] || ' '
        || w[1 + abs(hashint8(i * 3 + 2)::int8) % ${n}] || ' #' || (i % 9973),
      jsonb_build_array(jsonb_build_object('name', 'Sender ' || (i * 7919 % 2000),
        'address', 'sender' || (i * 7919 % 2000) || '@company' || (i * 7919 % 2000 % 150) || '.example')),
      jsonb_build_array(jsonb_build_object('name', 'Viewer', 'address', 'viewer@bench.test')),
      i % 10 < 7, i % 20 = 0, i % 10 = 3, 4000 + (i * 37 % 60000), 'Synthetic message ' || i, 'done'
    from generate_series(1, ${count}) as i, (select ${words} as w) as v`);
  await db.execute(sql`
    insert into message_bodies (message_id, text)
    select m.id,
      (select string_agg((${words})[1 + abs(hashint8(m.uid * 131 + k)::int8) % ${n}], ' ') from generate_series(1, 120) k)
      || case when m.uid % ${RARE_EVERY} = 17 then ' ' || ${RARE_WORD} else '' end
    from messages m`);
  await db.execute(sql`insert into attachment_blobs (hash, size, data) values ('bench-blob', 4, '\\x00010203'::bytea)`);
  await db.execute(sql`
    insert into attachments (message_id, filename, content_type, size, blob_hash)
    select m.id, (${`{${FILE_NAMES.join(',')}}`}::text[])[1 + m.uid % ${FILE_NAMES.length}] || '-' || (m.uid % 500) || '.'
      || (${`{${FILE_TYPES.join(',')}}`}::text[])[1 + m.uid % ${FILE_TYPES.length}], 'application/octet-stream', 4, 'bench-blob'
    from messages m where m.has_attachments`);
  await db.execute(sql`analyze`);
  const perFolder = new Map(ranges.map((r) => [r.id, 0]));
  for (let i = 1; i <= count; i++) {
    const r = ranges.find((x) => i % 1000 < x.hi)!;
    perFolder.set(r.id, perFolder.get(r.id)! + 1);
  }
  const viewerFolders = ranges
    .filter((r) => r.accountId !== other.accountId)
    .map((r) => ({ id: r.id, path: `${r.label}${r.path}`, messages: perFolder.get(r.id)! }))
    .sort((a, b) => b.messages - a.messages);
  return { viewerUserId: viewer.userId, viewerFolders, otherMessages: perFolder.get(ranges.at(-1)!.id)! };
}
