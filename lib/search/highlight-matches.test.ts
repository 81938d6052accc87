import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightMatches, highlightWords, snippetAround } from './highlight-matches.ts';
import { parseSearchQuery } from './parse-search-query.ts';

const words = (q: string) => {
  const parsed = parseSearchQuery(q);
  assert.ok(parsed.ok);
  return highlightWords(parsed.query);
};
const marked = (h: { text: string; matches: Array<{ start: number; length: number }> }) =>
  h.matches.map((m) => h.text.slice(m.start, m.start + m.length));

test('the words to mark: folded, from words, phrases and subject:, never negated or address terms', () => {
  assert.deepEqual(words('Café "Weekly Report" subject:Müller -spam from:jan is:unread'), ['cafe', 'weekly', 'report', 'muller']);
});

test('marks equal words across accents and case, and stem-like prefixes', () => {
  const h = highlightMatches('Lunch at the CAFÉ: running late, Müller fietst', ['cafe', 'run', 'muller', 'fietsen']);
  assert.deepEqual(marked(h), ['CAFÉ', 'running', 'Müller', 'fietst']);
});

test('short or distant prefixes are not matches', () => {
  assert.deepEqual(marked(highlightMatches('a cartography of cats', ['ca', 'car'])), []);
  assert.deepEqual(marked(highlightMatches('a cartography of carts', ['car'])), ['carts']);
});

test('ranges count UTF-16 code units, so emoji before a match keep it aligned', () => {
  const h = highlightMatches('🎉🎉 party tonight', ['party']);
  assert.deepEqual(h.matches, [{ start: 5, length: 5 }]);
});

test('no words, no matches; markup comes back as plain text', () => {
  assert.deepEqual(highlightMatches('<b>x</b>', []), { text: '<b>x</b>', matches: [] });
  assert.deepEqual(marked(highlightMatches('<script>alert(1)</script>', ['alert'])), ['alert']);
});

test('the snippet is cut around the first match in the body, at word boundaries', () => {
  const body = `${'filler '.repeat(100)}the invoice\n\nfor March ${'tail '.repeat(100)}`;
  const h = snippetAround(body, 'stored snippet', ['invoice'], 100);
  assert.ok(h.text.startsWith('…filler'));
  assert.ok(h.text.endsWith('…'));
  assert.ok(h.text.length <= 103);
  assert.deepEqual(marked(h), ['invoice']);
  assert.ok(h.text.includes('invoice for March'));
});

test('without a match in the body, the stored snippet is highlighted', () => {
  assert.deepEqual(marked(snippetAround('nothing here', 'Offerte voor Jan', ['offerte'])), ['Offerte']);
  assert.deepEqual(snippetAround(null, 'Hello', ['bye']), { text: 'Hello', matches: [] });
});
