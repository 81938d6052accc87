import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { deploymentSettings, tenants, type Tenant } from '../schema/index.ts';

export async function readDeploymentSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(deploymentSettings).where(eq(deploymentSettings.key, key));
  return row?.value as T | undefined;
}

/** Sets a deployment-wide value; `null` removes it. */
export async function writeDeploymentSetting(db: Db, key: string, value: unknown): Promise<void> {
  if (value === null) {
    await db.delete(deploymentSettings).where(eq(deploymentSettings.key, key));
    return;
  }
  await db
    .insert(deploymentSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: deploymentSettings.key, set: { value, updatedAt: new Date() } });
}

export async function setTenantDownloadDaysRow(db: Db, tenantId: string, days: number | null): Promise<Tenant | undefined> {
  const [row] = await db.update(tenants).set({ downloadDays: days }).where(eq(tenants.id, tenantId)).returning();
  return row;
}

export async function listTenants(db: Db): Promise<Tenant[]> {
  return db.select().from(tenants).orderBy(asc(tenants.name));
}
