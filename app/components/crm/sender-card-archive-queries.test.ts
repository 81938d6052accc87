import assert from 'node:assert/strict';
import { test } from 'node:test';
import { print } from 'graphql';
import { cardArchive, cardArchiveQuery } from './sender-card-archive-queries';

const mail = (id: string, date: string) => ({
  id,
  subject: `Mail ${id}`,
  date,
  from: [],
  downloadUrl: `/api/archive/${id}`,
  targets: [],
});

test('the card shows the newest five across the person and the company, each e-mail once', () => {
  const person = ['a', 'b', 'c'].map((id, i) => mail(id, `2026-11-0${i + 1}T10:00:00.000Z`));
  const company = [
    mail('c', '2026-11-03T10:00:00.000Z'),
    ...['d', 'e', 'f', 'g'].map((id, i) => mail(id, `2026-11-1${i}T10:00:00.000Z`)),
  ];
  const shown = cardArchive({
    t0: { edges: person.map((node) => ({ node })) },
    t1: { edges: company.map((node) => ({ node })) },
  });
  assert.deepEqual(
    shown.map((m) => m.id),
    ['g', 'f', 'e', 'd', 'c'],
  );
  assert.deepEqual(cardArchive(undefined), []);
});

test('one query per shape of targets, the ids as variables', () => {
  const one = cardArchiveQuery([
    { kind: 'PERSON', id: '1' },
    { kind: 'COMPANY', id: '2' },
  ]);
  const same = cardArchiveQuery([
    { kind: 'PERSON', id: '3' },
    { kind: 'COMPANY', id: '4' },
  ]);
  assert.equal(one, same, 'the same document: Apollo does not refetch for a new object');
  const text = print(one);
  assert.match(text, /t0: archivedDocuments\(target: \{kind: PERSON, id: \$t0\}, first: 5\)/);
  assert.match(text, /t1: archivedDocuments\(target: \{kind: COMPANY, id: \$t1\}, first: 5\)/);
  assert.doesNotThrow(() => print(cardArchiveQuery([])), 'an unknown sender: still a document to hand the skipped hook');
});
