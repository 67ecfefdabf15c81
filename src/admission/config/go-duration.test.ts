import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoDuration } from './go-duration';

test('Go durations as kube-apiserver writes them, and as people do', () => {
  const cases: [string, number][] = [
    ['10s', 10_000],
    ['30s', 30_000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['2h', 7_200_000],
    ['0', 0],
    ['-1s', -1000],
    ['100us', 0.1],
    ['1µs', 0.001],
    ['.5s', 500],
  ];
  for (const [text, ms] of cases) assert.equal(parseGoDuration(text), ms, text);
  for (const bad of ['', '10', 's', '10x', '1s2', 'ten seconds', '.s', '1 s']) assert.equal(parseGoDuration(bad), undefined, bad);
});
