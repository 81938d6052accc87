import 'server-only';
import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { tenants, users, type Role, type Tenant, type User } from '../schema/index.ts';

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return row;
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findTenant(db: Db, id: string): Promise<Tenant | undefined> {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
  return row;
}

export async function listTenantUsers(db: Db, tenantId: string): Promise<User[]> {
  return db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.createdAt), asc(users.email));
}

export interface NewUser {
  tenantId: string;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  isOperator?: boolean;
}

/** Inserts a user; returns undefined when the e-mail address is taken. */
export async function insertUser(db: Db, user: NewUser): Promise<User | undefined> {
  const [row] = await db
    .insert(users)
    .values({ ...user, email: normalizeEmail(user.email) })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row;
}

/**
 * Creates the first tenant and its admin (also operator) in one transaction, but only
 * while no user exists: two racing setup requests cannot both win.
 */
export async function createFirstTenant(
  db: Db,
  input: { tenantName: string; name: string; email: string; passwordHash: string },
): Promise<{ tenant: Tenant; user: User } | undefined> {
  return db.transaction(async (tx) => {
    // Serialize concurrent setups on the users table itself (works on PG and PGlite).
    await tx.execute(sql`lock table ${users} in exclusive mode`);
    const [existing] = await tx.select({ n: count() }).from(users);
    if ((existing?.n ?? 0) > 0) return undefined;
    const [tenant] = await tx.insert(tenants).values({ name: input.tenantName }).returning();
    if (!tenant) throw new Error('tenant insert returned nothing');
    const [user] = await tx
      .insert(users)
      .values({
        tenantId: tenant.id,
        email: normalizeEmail(input.email),
        name: input.name,
        passwordHash: input.passwordHash,
        role: 'admin',
        isOperator: true,
      })
      .returning();
    if (!user) throw new Error('user insert returned nothing');
    return { tenant, user };
  });
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
