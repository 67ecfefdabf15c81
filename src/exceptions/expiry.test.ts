import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExpiry } from './expiry';

test('a date applies through that whole day, UTC', () => {
  assert.equal(parseExpiry('2026-03-31'), Date.UTC(2026, 3, 1));
});

test('an RFC 3339 time applies until that instant', () => {
  assert.equal(parseExpiry('2026-03-31T12:00:00Z'), Date.UTC(2026, 2, 31, 12));
  assert.equal(parseExpiry('2026-03-31T12:00:00+02:00'), Date.UTC(2026, 2, 31, 10));
});

test('impossible and malformed dates are rejected', () => {
  for (const bad of ['2026-02-30', '2026-13-01', '31/03/2026', '2026-3-1', 'tomorrow', '', '2026-03-31T25:00:00Z'])
    assert.equal(parseExpiry(bad), undefined, bad);
});
