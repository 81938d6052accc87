import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filesWithinLimit, fromLocalInputValue, toLocalInputValue, tomorrowAt } from './compose-limits';

test('files are taken while the total fits; the first that does not and all after are refused', () => {
  const files = [{ size: 4 }, { size: 3 }, { size: 1 }];
  assert.deepEqual(filesWithinLimit(2, files, 9), { accepted: [{ size: 4 }, { size: 3 }], refused: [{ size: 1 }] });
  assert.deepEqual(filesWithinLimit(0, files, 8), { accepted: files, refused: [] });
  assert.deepEqual(filesWithinLimit(0, [{ size: 11 }], 10), { accepted: [], refused: [{ size: 11 }] });
});

test('tomorrow 08:00 is local time, across a month end', () => {
  const at = tomorrowAt(new Date(2026, 11, 31, 23, 30));
  assert.deepEqual([at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes()], [2027, 0, 1, 8, 0]);
});

test('datetime-local values round-trip; impossible dates are refused', () => {
  const date = new Date(2026, 2, 5, 7, 9);
  assert.equal(toLocalInputValue(date), '2026-03-05T07:09');
  assert.equal(fromLocalInputValue('2026-03-05T07:09')?.getTime(), date.getTime());
  assert.equal(fromLocalInputValue('2026-02-31T07:09'), null);
  assert.equal(fromLocalInputValue(''), null);
});
