// A timeline's reload keeps the rows "Load more" brought in (fetchRows, rowsToReload).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fetchRows, rowsToReload, type RowPage } from './reload-rows';

/** A server holding `total` rows named 0…total-1, paging like archivedDocuments (cursor: the last index). */
function server(total: number) {
  const calls: Array<{ first: number; after: string | null }> = [];
  const fetchPage = async (first: number, after: string | null): Promise<RowPage<number>> => {
    calls.push({ first, after });
    const start = after === null ? 0 : Number(after) + 1;
    const edges = Array.from({ length: Math.max(0, Math.min(first, total - start)) }, (_, i) => start + i);
    const last = edges.at(-1);
    return {
      edges,
      pageInfo: { hasNextPage: start + edges.length < total, endCursor: last === undefined ? null : String(last) },
    };
  };
  return { calls, fetchPage };
}

test('the rows shown come back in one request when the server takes them in one page', async () => {
  const { calls, fetchPage } = server(100);
  const result = await fetchRows(40, fetchPage);
  assert.equal(result.edges.length, 40);
  assert.deepEqual(result.pageInfo, { hasNextPage: true, endCursor: '39' });
  assert.deepEqual(calls, [{ first: 40, after: null }]);
});

test('more rows than one page takes are fetched page after page', async () => {
  const { calls, fetchPage } = server(300);
  const result = await fetchRows(160, fetchPage);
  assert.deepEqual(
    result.edges,
    Array.from({ length: 160 }, (_, i) => i),
  );
  assert.deepEqual(calls, [
    { first: 100, after: null },
    { first: 60, after: '99' },
  ]);
});

test('fewer rows than wanted (some unarchived meanwhile): what there is, and no next page', async () => {
  const { fetchPage } = server(130);
  const result = await fetchRows(160, fetchPage);
  assert.equal(result.edges.length, 130);
  assert.equal(result.pageInfo.hasNextPage, false);
});

test('a reload asks for the rows shown plus those just archived, at least a page', () => {
  assert.equal(rowsToReload(40), 40);
  assert.equal(rowsToReload(40, { change: 'ARCHIVED', documentIds: ['a', 'b'] }), 42);
  assert.equal(rowsToReload(40, { change: 'UNARCHIVED', documentIds: ['a'] }), 40);
  assert.equal(rowsToReload(3), 20);
});
