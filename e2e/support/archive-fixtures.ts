import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Db } from '../../db/client.ts';
import {
  companies,
  companyDomains,
  mailAccounts,
  mailFolders,
  messageBodies,
  messages,
  personEmails,
  persons,
  projects,
  sales,
  users,
} from '../../db/schema/index.ts';
import { insertSourceMessage, type InsertedSourceMessage } from './insert-source-message.ts';
import { insertTestAccount } from './insert-test-account.ts';

/** A CRM to archive against: Acme BV (acme.test) with Piet (piet@acme.test), a project and a sale. */
export async function insertCrm(db: Db, tenantId: string, prefix = '') {
  const [company] = await db
    .insert(companies)
    .values({ tenantId, name: `${prefix}Acme BV` })
    .returning();
  await db.insert(companyDomains).values({ tenantId, companyId: company!.id, domain: 'acme.test' });
  const [person] = await db
    .insert(persons)
    .values({ tenantId, name: `${prefix}Piet Jansen`, companyId: company!.id })
    .returning();
  await db.insert(personEmails).values({ tenantId, personId: person!.id, address: 'piet@acme.test' });
  const [project] = await db
    .insert(projects)
    .values({ tenantId, name: `${prefix}Website`, companyId: company!.id })
    .returning();
  const [sale] = await db
    .insert(sales)
    .values({ tenantId, name: `${prefix}Licences`, companyId: company!.id })
    .returning();
  return {
    company: { kind: 'company' as const, id: company!.id },
    person: { kind: 'person' as const, id: person!.id },
    project: { kind: 'project' as const, id: project!.id },
    sale: { kind: 'sale' as const, id: sale!.id },
  };
}

export interface MailboxFixture {
  tenantId: string;
  userId: string;
  accountId: string;
  folderId: string;
  /** A mail in this mailbox: composed, stored with its source, extracted (subject, addresses, body). */
  mail(options?: {
    subject?: string;
    from?: string;
    to?: string;
    text?: string;
    attachments?: Array<{ filename: string; content: Buffer }>;
  }): Promise<InsertedSourceMessage & { source: Buffer }>;
}

/** A tenant, its user with one mailbox (INBOX), as insertTestAccount makes them. */
export async function insertMailbox(db: Db, email: string): Promise<MailboxFixture> {
  const ids = await insertTestAccount(db, { email });
  return mailboxFor(db, ids);
}

/** A colleague: a second user (with a mailbox) in the same tenant. */
export async function insertColleague(db: Db, tenantId: string, email: string): Promise<MailboxFixture> {
  const [user] = await db
    .insert(users)
    .values({ tenantId, email, name: email.split('@')[0]!, passwordHash: 'not-used' })
    .returning();
  const other = await insertTestAccount(db, { email: `mailbox-${email}` });
  // Move the throwaway account to the colleague (and drop its tenant's user: only the account is needed).
  await db.update(mailAccounts).set({ tenantId, userId: user!.id, email }).where(eq(mailAccounts.id, other.accountId));
  return mailboxFor(db, { tenantId, userId: user!.id, accountId: other.accountId });
}

async function mailboxFor(db: Db, ids: { tenantId: string; userId: string; accountId: string }): Promise<MailboxFixture> {
  const [folder] = await db.insert(mailFolders).values({ accountId: ids.accountId, path: 'INBOX', name: 'Inbox' }).returning();
  let uid = 1;
  return {
    ...ids,
    folderId: folder!.id,
    async mail(options = {}) {
      const n = uid++;
      const subject = options.subject ?? `Offerte ${n}`;
      const from = options.from ?? 'piet@acme.test';
      const to = options.to ?? 'me@example.test';
      const text = options.text ?? `Beste, hierbij de offerte nummer ${n}.`;
      const source = await new MailComposer({
        from,
        to,
        subject,
        text,
        messageId: `<m${n}.${ids.accountId}@acme.test>`,
        date: new Date(Date.UTC(2026, 10, 1, 9, n % 60)),
        attachments: options.attachments,
      })
        .compile()
        .build();
      const inserted = await insertSourceMessage(db, { accountId: ids.accountId, folderId: folder!.id, uid: n }, source);
      await db
        .update(messages)
        .set({
          subject,
          from: [{ name: '', address: from }],
          to: [{ name: '', address: to }],
          messageId: `m${n}.${ids.accountId}@acme.test`,
          sentAt: new Date(Date.UTC(2026, 10, 1, 9, n % 60)),
          contentHash: createHash('sha256').update(source).digest('hex'),
          hasAttachments: !!options.attachments?.length,
        })
        .where(eq(messages.id, inserted.messageId));
      await db.insert(messageBodies).values({ messageId: inserted.messageId, text, html: null });
      return { ...inserted, source };
    },
  };
}
