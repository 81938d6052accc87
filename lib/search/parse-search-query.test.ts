import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isArchiveSearch,
  MAX_SEARCH_TERMS,
  parseSearchQuery,
  type SearchQueryErrorReason,
  type SearchTerm,
} from './parse-search-query.ts';

const day = (text: string) => new Date(`${text}T00:00:00.000Z`);

const parses: Array<[input: string, terms: SearchTerm[]]> = [
  ['invoice', [{ kind: 'text', text: 'invoice', phrase: false, negated: false }]],
  [
    '  factuur   maart ',
    [
      { kind: 'text', text: 'factuur', phrase: false, negated: false },
      { kind: 'text', text: 'maart', phrase: false, negated: false },
    ],
  ],
  ['"weekly report"', [{ kind: 'text', text: 'weekly report', phrase: true, negated: false }]],
  ['-spam', [{ kind: 'text', text: 'spam', phrase: false, negated: true }]],
  ['-"out of office"', [{ kind: 'text', text: 'out of office', phrase: true, negated: true }]],
  ['from:jan@example.nl', [{ kind: 'field', field: 'from', text: 'jan@example.nl', phrase: false, negated: false }]],
  ['FROM:Jan', [{ kind: 'field', field: 'from', text: 'Jan', phrase: false, negated: false }]],
  ['to:"Jan de Vries"', [{ kind: 'field', field: 'to', text: 'Jan de Vries', phrase: true, negated: false }]],
  ['-cc:boss', [{ kind: 'field', field: 'cc', text: 'boss', phrase: false, negated: true }]],
  ['subject:"q3 plan"', [{ kind: 'field', field: 'subject', text: 'q3 plan', phrase: true, negated: false }]],
  ['has:attachment', [{ kind: 'has-attachment', negated: false }]],
  ['-has:attachments', [{ kind: 'has-attachment', negated: true }]],
  ['is:unread', [{ kind: 'is', state: 'unread', negated: false }]],
  ['is:Flagged', [{ kind: 'is', state: 'flagged', negated: false }]],
  ['-is:read', [{ kind: 'is', state: 'read', negated: true }]],
  ['in:Sent', [{ kind: 'in', folder: 'Sent', negated: false }]],
  ['in:"Klanten/2026 Q1"', [{ kind: 'in', folder: 'Klanten/2026 Q1', negated: false }]],
  ['before:2026-11-30', [{ kind: 'date', bound: 'before', date: day('2026-11-30'), negated: false }]],
  ['after:2024-02-29', [{ kind: 'date', bound: 'after', date: day('2024-02-29'), negated: false }]],
  ['person:"Piet Jansen"', [{ kind: 'crm', target: 'person', text: 'Piet Jansen', negated: false }]],
  ['-company:acme.nl', [{ kind: 'crm', target: 'company', text: 'acme.nl', negated: true }]],
  // Not operators: a trailing colon, digits before a colon, a quote inside a word.
  [
    'Re: offerte',
    [
      { kind: 'text', text: 'Re:', phrase: false, negated: false },
      { kind: 'text', text: 'offerte', phrase: false, negated: false },
    ],
  ],
  ['10:30', [{ kind: 'text', text: '10:30', phrase: false, negated: false }]],
  ['5"', [{ kind: 'text', text: '5"', phrase: false, negated: false }]],
  ['"https://x.nl/a"', [{ kind: 'text', text: 'https://x.nl/a', phrase: true, negated: false }]],
  // Nothing the index could match: skipped.
  ['- && café', [{ kind: 'text', text: 'café', phrase: false, negated: false }]],
];

for (const [input, terms] of parses) {
  test(`parses ${JSON.stringify(input)}`, () => {
    assert.deepEqual(parseSearchQuery(input), { ok: true, query: { terms } });
  });
}

const refuses: Array<[input: string, reason: SearchQueryErrorReason, token: string, position: number]> = [
  ['', 'empty', '', 0],
  ['   - "" ', 'empty', '', 0],
  ['report "weekly', 'unbalanced_quote', '"weekly', 7],
  ['subject:"open', 'unbalanced_quote', 'subject:"open', 0],
  ['foo:bar', 'unknown_operator', 'foo:bar', 0],
  ['x https://x.nl', 'unknown_operator', 'https://x.nl', 2],
  ['from:', 'empty_value', 'from:', 0],
  ['in:"  "', 'empty_value', 'in:"  "', 0],
  ['from:@@', 'bad_value', 'from:@@', 0],
  ['has:pdf', 'bad_value', 'has:pdf', 0],
  ['person:@', 'bad_value', 'person:@', 0],
  ['is:important', 'bad_value', 'is:important', 0],
  ['before:yesterday', 'bad_date', 'before:yesterday', 0],
  ['after:2026-02-30', 'bad_date', 'after:2026-02-30', 0],
  ['after:2026-13-01', 'bad_date', 'after:2026-13-01', 0],
  ['before:26-11-30', 'bad_date', 'before:26-11-30', 0],
  ['x'.repeat(501), 'too_long', 'x', 500],
];

for (const [input, reason, token, position] of refuses) {
  test(`refuses ${JSON.stringify(input.slice(0, 40))}: ${reason}`, () => {
    const parsed = parseSearchQuery(input);
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.equal(parsed.error.reason, reason);
    assert.equal(parsed.error.token, token);
    assert.equal(parsed.error.position, position);
    if (token && reason !== 'too_long')
      assert.match(parsed.error.message, new RegExp(token.slice(0, 10).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
  });
}

test('1000 tokens: refused at the first term past the limit, in bounded work', () => {
  const words = Array.from({ length: 1000 }, (_, n) => `w${n}`);
  const parsed = parseSearchQuery(words.join(' ').slice(0, 500));
  assert.equal(parsed.ok, false);
  if (!parsed.ok) {
    assert.equal(parsed.error.reason, 'too_many_terms');
    assert.equal(parsed.error.token, `w${MAX_SEARCH_TERMS}`);
  }
  assert.equal(parseSearchQuery(words.join(' ')).ok, false);
});

test('hostile input never throws', () => {
  const hostile = [
    '"',
    '-"',
    '-',
    ':',
    'from:"',
    '""""',
    '\u0000:\u0000',
    'a:b:c',
    '-'.repeat(500),
    '"'.repeat(499),
    'in:\u202e',
    '💥:x',
    'x:'.repeat(250),
  ];
  for (const input of hostile) {
    const parsed = parseSearchQuery(input);
    assert.equal(typeof parsed.ok, 'boolean', input);
  }
});

test('in:archive, person: and company: search the CRM archive; -in:archive and other folders do not', () => {
  const archive = (input: string) => {
    const parsed = parseSearchQuery(input);
    assert.ok(parsed.ok);
    return isArchiveSearch(parsed.query);
  };
  assert.equal(archive('offerte in:Archive'), true);
  assert.equal(archive('person:piet'), true);
  assert.equal(archive('-company:acme'), true);
  assert.equal(archive('offerte -in:archive'), false);
  assert.equal(archive('in:Sent offerte'), false);
});
