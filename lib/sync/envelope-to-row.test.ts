import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FetchMessageObject } from 'imapflow';
import { envelopeToRow, storedFlags } from './envelope-to-row.ts';

const context = { accountId: 'acc', folderId: 'fld', uidValidity: 7 };

test('an ENVELOPE fetch becomes a pending list row', () => {
  const fetched: FetchMessageObject = {
    seq: 1,
    uid: 42,
    size: 1234,
    modseq: 9007199254740993n,
    flags: new Set(['\\Seen', '\\Recent', '$Forwarded']),
    internalDate: new Date('2026-11-01T10:00:00Z'),
    envelope: {
      date: new Date('2026-11-01T09:59:00Z'),
      subject: 'Renewal\u0000 offer',
      messageId: '<abc@example.com>',
      inReplyTo: '<prev@example.com>',
      from: [{ name: 'Ann', address: 'ann@example.com' }],
      to: [{ address: 'me@example.test' }, {}],
    },
    bodyStructure: { type: 'text/plain' },
  };
  const row = envelopeToRow(fetched, context);
  assert.deepEqual(
    {
      uid: row.uid,
      uidValidity: row.uidValidity,
      messageId: row.messageId,
      inReplyTo: row.inReplyTo,
      subject: row.subject,
      from: row.from,
      to: row.to,
      flags: row.flags,
      seen: row.seen,
      flagged: row.flagged,
      modseq: row.modseq,
      size: row.size,
      bodyState: row.bodyState,
      hasAttachments: row.hasAttachments,
    },
    {
      uid: 42,
      uidValidity: 7,
      messageId: 'abc@example.com',
      inReplyTo: 'prev@example.com',
      subject: 'Renewal offer',
      from: [{ name: 'Ann', address: 'ann@example.com' }],
      to: [{ name: '', address: 'me@example.test' }],
      flags: ['$Forwarded', '\\Seen'],
      seen: true,
      flagged: false,
      modseq: '9007199254740993',
      size: 1234,
      bodyState: 'pending',
      hasAttachments: false,
    },
  );
  assert.equal(row.sentAt?.toISOString(), '2026-11-01T09:59:00.000Z');
});

test('attachments are told from BODYSTRUCTURE: disposition, or a non-text leaf outside multipart/related', () => {
  const row = (bodyStructure: FetchMessageObject['bodyStructure']) =>
    envelopeToRow({ seq: 1, uid: 1, bodyStructure }, context).hasAttachments;
  assert.equal(
    row({
      type: 'multipart/mixed',
      childNodes: [{ type: 'text/plain' }, { type: 'application/pdf', disposition: 'attachment' }],
    }),
    true,
  );
  assert.equal(row({ type: 'multipart/mixed', childNodes: [{ type: 'text/plain' }, { type: 'image/png' }] }), true);
  assert.equal(
    row({ type: 'multipart/related', childNodes: [{ type: 'text/html' }, { type: 'image/png', id: '<logo>' }] }),
    false,
    'a cid: image shown in the HTML',
  );
  assert.equal(row({ type: 'multipart/alternative', childNodes: [{ type: 'text/plain' }, { type: 'text/html' }] }), false);
});

test('a missing or bad INTERNALDATE does not stop the row; \\Recent is never stored', () => {
  const row = envelopeToRow({ seq: 1, uid: 3, internalDate: 'not a date' }, context);
  assert.ok(row.internalDate instanceof Date && !Number.isNaN(row.internalDate.getTime()));
  assert.equal(row.sentAt, null);
  assert.deepEqual(storedFlags(new Set(['\\Recent', '\\Flagged', '\\Answered'])), ['\\Answered', '\\Flagged']);
});

test('a subject or name with a lone UTF-16 surrogate becomes well-formed (the row goes to PostgreSQL as JSON)', () => {
  const row = envelopeToRow(
    {
      seq: 1,
      uid: 7,
      internalDate: new Date('2026-11-01T10:00:00Z'),
      // What libmime makes of =?UTF-16LE?B?QQAA2EIA?= : "A", a lone high surrogate, "B".
      envelope: { subject: 'A\ud800B', from: [{ name: '\udc00Eve', address: 'eve@example.com' }] },
    } as FetchMessageObject,
    context,
  );
  assert.equal(row.subject, 'A\ufffdB');
  assert.deepEqual(row.from, [{ name: '\ufffdEve', address: 'eve@example.com' }]);
});
