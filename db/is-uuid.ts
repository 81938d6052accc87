/**
 * Whether `value` is a UUID as PostgreSQL's `uuid` type reads it (hyphenated form). Checked before
 * a query so a malformed id is "not found" or BAD_USER_INPUT, never a database error carrying it.
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
