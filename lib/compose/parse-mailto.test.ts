import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAILTO_MAX_LENGTH, parseMailto, splitAddresses } from './parse-mailto.ts';

test('RFC 6068 §6.1 examples: path, several addresses, headers', () => {
  assert.deepEqual(parseMailto('mailto:chris@example.com')?.to, ['chris@example.com']);
  const d = parseMailto('mailto:infobot@example.com?subject=current-issue')!;
  assert.equal(d.subject, 'current-issue');
  const both = parseMailto('mailto:joe@example.com?cc=bob@example.com&body=hello')!;
  assert.deepEqual(both.to, ['joe@example.com']);
  assert.deepEqual(both.cc, ['bob@example.com']);
  assert.equal(both.body, 'hello');
  const two = parseMailto('mailto:?to=joe@example.com&cc=bob@example.com&body=hello')!;
  assert.deepEqual(two.to, ['joe@example.com']);
  const listed = parseMailto('mailto:gorby%25kremvax@example.com')!;
  assert.deepEqual(listed.to, ['gorby%kremvax@example.com']);
  const many = parseMailto('mailto:a@example.com,b@example.org?to=c@example.net&bcc=d@example.com')!;
  assert.deepEqual(many.to, ['a@example.com', 'b@example.org', 'c@example.net']);
  assert.deepEqual(many.bcc, ['d@example.com']);
});

test('percent-encoding is UTF-8, "+" is a plus, body line breaks become \\n', () => {
  const d = parseMailto('mailto:user@example.org?subject=caf%C3%A9+1%2B1&body=line%201%0D%0Aline%202')!;
  assert.equal(d.subject, 'café+1+1');
  assert.equal(d.body, 'line 1\nline 2');
  const plus = parseMailto('mailto:sales+nl@example.com')!;
  assert.deepEqual(plus.to, ['sales+nl@example.com']);
});

test('headers other than to/cc/bcc/subject/body/in-reply-to are ignored (no forged From)', () => {
  const d = parseMailto(
    'mailto:a@example.com?from=ceo@example.com&received=x&X-Evil=1&In-Reply-To=%3C3469A91.D10AF4C%40example.com%3E',
  )!;
  assert.deepEqual(d.to, ['a@example.com']);
  assert.equal(d.inReplyTo, '<3469A91.D10AF4C@example.com>');
  assert.equal(Object.keys(d).includes('from'), false);
});

test('a subject cannot carry a line break into the headers', () => {
  const d = parseMailto('mailto:a@example.com?subject=hi%0D%0ABcc:%20victim@example.com')!;
  assert.equal(d.subject, 'hi Bcc: victim@example.com');
  assert.deepEqual(d.bcc, []);
});

test('names, duplicates, semicolons and bad addresses', () => {
  const d = parseMailto('mailto:Ann%20Smit%20%3Cann@example.nl%3E;ann@example.nl,not-an-address,bob@example.com')!;
  assert.deepEqual(d.to, ['Ann Smit <ann@example.nl>', 'bob@example.com']);
  assert.deepEqual(d.invalid, ['not-an-address']);
  assert.deepEqual(splitAddresses('"Smit, Ann" <ann@example.nl>, bob@example.com'), [
    { address: '"Smit, Ann" <ann@example.nl>' },
    { address: 'bob@example.com' },
  ]);
});

test('malformed percent escapes do not throw; other schemes and huge URLs are refused', () => {
  assert.equal(parseMailto('mailto:a@example.com?subject=100%')?.subject, '100%');
  assert.equal(parseMailto('https://example.com'), null);
  assert.equal(parseMailto('mailto:a@example.com?body=' + 'x'.repeat(MAILTO_MAX_LENGTH)), null);
  assert.equal(parseMailto('MAILTO:A@Example.com')?.to[0], 'A@Example.com');
});
