import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { userPreferences } from '../schema/index.ts';

export interface UserPreferences {
  archiveSuggestReplies: boolean;
  archiveAutoSuggest: boolean;
}

/** What applies when the user never changed anything (the defaults: both on). */
export const DEFAULT_USER_PREFERENCES: UserPreferences = { archiveSuggestReplies: true, archiveAutoSuggest: true };

export async function readUserPreferences(db: Db, userId: string): Promise<UserPreferences> {
  const [row] = await db.select().from(userPreferences).where(eq(userPreferences.userId, userId));
  return row
    ? { archiveSuggestReplies: row.archiveSuggestReplies, archiveAutoSuggest: row.archiveAutoSuggest }
    : DEFAULT_USER_PREFERENCES;
}

/** Changes the preferences given (undefined: kept), creating the row on first change. */
export async function writeUserPreferences(db: Db, userId: string, changes: Partial<UserPreferences>): Promise<UserPreferences> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<UserPreferences>;
  await db
    .insert(userPreferences)
    .values({ userId, ...DEFAULT_USER_PREFERENCES, ...set })
    .onConflictDoUpdate({ target: userPreferences.userId, set: { ...set, updatedAt: new Date() } });
  return readUserPreferences(db, userId);
}
