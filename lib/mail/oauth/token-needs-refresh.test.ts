import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REFRESH_AHEAD_MS, tokenNeedsRefresh } from './token-needs-refresh.ts';

const now = new Date('2026-12-02T12:00:00Z');
const expiringIn = (ms: number) => ({ expiresAt: new Date(now.getTime() + ms) });

test('a token with more than five minutes left is used as it is', () => {
  assert.equal(REFRESH_AHEAD_MS, 5 * 60_000);
  assert.equal(tokenNeedsRefresh(expiringIn(60 * 60_000), now), false);
  assert.equal(tokenNeedsRefresh(expiringIn(5 * 60_000 + 1), now), false);
});

test('a token within five minutes of expiry, or past it, is refreshed first', () => {
  assert.equal(tokenNeedsRefresh(expiringIn(5 * 60_000), now), true);
  assert.equal(tokenNeedsRefresh(expiringIn(1000), now), true);
  assert.equal(tokenNeedsRefresh(expiringIn(-60_000), now), true);
});

test('the margin can be chosen', () => {
  assert.equal(tokenNeedsRefresh(expiringIn(60_000), now, 30_000), false);
  assert.equal(tokenNeedsRefresh(expiringIn(60_000), now, 60_000), true);
});
