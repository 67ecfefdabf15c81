import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anyMatches, compilePattern } from './pattern';

test('exact names, * and ? globs; regular-expression characters are literal', () => {
  assert.equal(compilePattern('web').test('web'), true);
  assert.equal(compilePattern('web').test('web-1'), false);
  assert.equal(compilePattern('web-*').test('web-canary'), true);
  assert.equal(compilePattern('web-*').test('api-web-1'), false);
  assert.equal(compilePattern('team-?').test('team-a'), true);
  assert.equal(compilePattern('team-?').test('team-ab'), false);
  assert.equal(compilePattern('a.b').test('axb'), false);
  assert.equal(compilePattern('*').test(''), true);
});

test('an absent list matches anything; a present list needs a name', () => {
  assert.equal(anyMatches(undefined, undefined), true);
  assert.equal(anyMatches([compilePattern('*')], undefined), false);
  assert.equal(anyMatches([compilePattern('a'), compilePattern('b*')], 'bee'), true);
});
