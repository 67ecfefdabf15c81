import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveMinor, NEWEST_MINOR, parseVersion } from './version';

test('parses v1.N and latest only', () => {
  assert.equal(parseVersion('latest'), 'latest');
  assert.equal(parseVersion('v1.0'), 0);
  assert.equal(parseVersion('v1.37'), 37);
  for (const bad of ['1.30', 'v1', 'v2.0', 'v1.01', 'v1.-1', 'V1.2', 'v1.2.3', '', 'Latest', 'v1.2 ']) assert.equal(parseVersion(bad), undefined, bad);
});

test('latest and newer versions evaluate as the newest known', () => {
  assert.equal(effectiveMinor('latest'), NEWEST_MINOR);
  assert.equal(effectiveMinor(99), NEWEST_MINOR);
  assert.equal(effectiveMinor(12), 12);
});

test("the minor number is what Go's strconv.Atoi accepts (ParseVersion), no more", () => {
  assert.equal(typeof parseVersion('v1.9223372036854775807'), 'number');
  assert.equal(parseVersion('v1.9223372036854775808'), undefined);
  assert.equal(parseVersion('v1.10000000000000000000'), undefined);
});
