/**
 * Whether `required` is among the granted scopes (a token answer's `scope`, RFC 6749 §3.3). Scope
 * values are compared case-insensitively, as Microsoft does, and Microsoft may answer a resource's
 * scope without the resource (`IMAP.AccessAsUser.All` for
 * `https://outlook.office.com/IMAP.AccessAsUser.All`). Pure.
 */
export function scopeGranted(granted: readonly string[], required: string): boolean {
  const want = required.toLowerCase();
  const short = want.slice(want.lastIndexOf('/') + 1);
  return granted.some((g) => {
    const have = g.toLowerCase();
    return have === want || (short !== '' && have === short);
  });
}
