import { foldSearchText } from './fold-search-text.ts';
import type { SearchQuery } from './parse-search-query.ts';

/** A match in a text, in UTF-16 code units (what JavaScript's string indices count). */
export interface TextRange {
  start: number;
  length: number;
}

/** Plain text and where the query matched in it: safe to render as text, no markup. */
export interface HighlightedText {
  text: string;
  matches: TextRange[];
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The folded words to mark: those of the words, phrases and subject: terms that are not negated
 * (from:/to:/cc: match addresses, which neither the subject nor the snippet show).
 */
export function highlightWords(query: SearchQuery): string[] {
  const words = new Set<string>();
  for (const term of query.terms) {
    if (term.negated || !(term.kind === 'text' || (term.kind === 'field' && term.field === 'subject'))) continue;
    for (const [word] of foldSearchText(term.text).matchAll(WORD)) words.add(word);
  }
  return [...words];
}

/**
 * Marks the words of `text` that the index would have matched. The database matches stems, which
 * JavaScript does not have; this marks a word whose folded form equals a query word, or shares a
 * beginning of at least 3 letters with it that leaves at most 2 letters of the shorter and 4 of
 * the longer: "running" for "run", "fietst" for "fietsen", "CAFÉ" for "cafe". It guides the eye;
 * it may mark a word the stemmer would not have matched ("carpet" for "car").
 */
export function highlightMatches(text: string, words: string[]): HighlightedText {
  const matches: TextRange[] = [];
  if (words.length)
    for (const found of text.matchAll(WORD)) {
      if (isMatch(foldSearchText(found[0]), words)) matches.push({ start: found.index, length: found[0].length });
    }
  return { text, matches };
}

/**
 * About `width` characters of `body` around its first match, white space collapsed, with "…"
 * where cut; the stored `snippet` (highlighted) when the body has no match or is not stored.
 * @param width @default 200
 */
export function snippetAround(body: string | null, snippet: string, words: string[], width = 200): HighlightedText {
  const flat = (body ?? '').replace(/\s+/g, ' ').trim();
  const first = highlightMatches(flat, words).matches[0];
  if (!first) return highlightMatches(snippet, words);
  let start = Math.max(0, first.start - Math.floor(width / 3));
  // Start at a word: after the space before `start`, unless that is before the match's sentence.
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < first.start ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + width);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > first.start + first.length) end = space;
  }
  const text = `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
  return highlightMatches(text, words);
}

function isMatch(word: string, words: string[]): boolean {
  return words.some((w) => {
    if (w === word) return true;
    let common = 0;
    while (common < w.length && common < word.length && w[common] === word[common]) common++;
    const [short, long] = w.length <= word.length ? [w, word] : [word, w];
    return common >= 3 && common >= short.length - 2 && common >= long.length - 4;
  });
}
