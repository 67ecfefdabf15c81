import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callWithin } from '../../test/support/time-limit';
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

/** Reference glob matcher by dynamic programming over (pattern, name) prefixes: slow, obviously right. */
function reference(pattern: string, name: string): boolean {
  let row = new Array<boolean>(name.length + 1).fill(false);
  row[0] = true;
  for (const p of pattern) {
    const next = new Array<boolean>(name.length + 1).fill(false);
    if (p === '*') next[0] = row[0]!;
    for (let j = 1; j <= name.length; j++) {
      if (p === '*') next[j] = row[j]! || next[j - 1]!;
      else next[j] = row[j - 1]! && (p === '?' || p === name[j - 1]);
    }
    row = next;
  }
  return row[name.length]!;
}

test('the matcher agrees with a reference glob matcher on 20,000 random patterns and names', () => {
  let seed = 11;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const pick = (alphabet: string, max: number) => Array.from({ length: rand(max + 1) }, () => alphabet[rand(alphabet.length)]).join('');
  for (let i = 0; i < 20_000; i++) {
    const pattern = pick('ab*?.', 7);
    const name = pick('ab.\n', 9);
    assert.equal(compilePattern(pattern).test(name), reference(pattern, name), `${JSON.stringify(pattern)} vs ${JSON.stringify(name)} (seed 11, case ${i})`);
  }
});

test('hostile patterns are matched in linear time (a backtracking RegExp took a minute here)', async () => {
  const hostile = `${'*a'.repeat(20)}*b`;
  const name = 'a'.repeat(40);
  const r = await callWithin<boolean>(2000, 'test/support/calls', 'globMatches', [hostile, name]);
  assert.equal(r.value, false);
  const big = await callWithin<boolean>(2000, 'test/support/calls', 'globMatches', [`${'*a'.repeat(2000)}*b`, 'a'.repeat(100_000)]);
  assert.equal(big.value, false);
});
