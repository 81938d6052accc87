/**
 * Lower case without accents: "Café Müller" → "cafe muller". The same fold as the SQL function
 * search_fold (db/migrations/0007_search.sql), which the index and the query use; this copy serves
 * the highlighting, which must find in the original text the words the database matched.
 * NFD splits a letter from its accents (U+0300–U+036F), which are dropped; a few letters NFD
 * does not split are mapped by hand.
 */
export function foldSearchText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øđłı]/g, (c) => FOLDED[c]!)
    .replaceAll('ß', 'ss')
    .replaceAll('æ', 'ae')
    .replaceAll('œ', 'oe');
}

const FOLDED: Record<string, string> = { ø: 'o', đ: 'd', ł: 'l', ı: 'i' };
