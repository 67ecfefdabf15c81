// Runs podguard's generated fixtures at every level and every version v1.0 … v1.37: the base pod
// of each level is allowed, each fail case is denied by exactly the expected check (mapped
// through restricted overrides), and each pass case is allowed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluatePss } from '../../src/pss/evaluate';
import { NEWEST_MINOR } from '../../src/pss/version';
import { basePod, build, CASES, OVERRIDDEN_BY } from './generated-fixtures';

const LEVELS = ['baseline', 'restricted'] as const;

function verdict(level: (typeof LEVELS)[number], minor: number, pod: ReturnType<typeof basePod>) {
  return evaluatePss(pod.metadata, pod.spec, { level, version: minor });
}

for (const level of LEVELS) {
  test(`${level}: the base pod is allowed at every version`, () => {
    for (let v = 0; v <= NEWEST_MINOR; v++) assert.deepEqual(verdict(level, v, basePod(level)), [], `v1.${v}`);
  });

  for (const c of CASES) {
    if (level === 'baseline' && c.level === 'restricted') continue;
    if (level === 'restricted' && c.baselineOnly) continue;
    test(`${level}: ${c.check} ${c.expect}: ${c.name}`, () => {
      let judged = 0;
      for (let v = 0; v <= NEWEST_MINOR; v++) {
        if (v < c.since || (c.until !== undefined && v > c.until)) continue;
        judged++;
        const ids = verdict(level, v, build(level, c.mutate)).map((x) => x.check);
        if (c.expect === 'pass') {
          assert.deepEqual(ids, [], `v1.${v}: expected allowed`);
          continue;
        }
        const o = OVERRIDDEN_BY[c.check];
        const want = level === 'restricted' && o && v >= o.since ? o.by : c.check;
        assert.ok(ids.includes(want), `v1.${v}: expected ${want}, got ${ids.join(', ') || 'allowed'}`);
        assert.deepEqual(
          ids.filter((id) => id !== want),
          [],
          `v1.${v}: only ${want} should fail`,
        );
      }
      assert.ok(judged > 0, 'the case applies to at least one version');
    });
  }
}
