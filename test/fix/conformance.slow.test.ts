// The "done when" measurement of `podguard fix` (scripts/fix-conformance.js) over the upstream
// Pod Security Admission fixtures in ../shared/conformance and the examples. Slow (it runs the
// CLI over some 800 files), so it runs with `npm test` and CI, not in the fast inner loop.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO } from '../support/cli';

const CONFORMANCE = path.join(REPO, '..', 'shared', 'conformance');
const skip = !fs.existsSync(path.join(CONFORMANCE, 'pss')) && `no fixtures at ${CONFORMANCE}/pss: the fix conformance measurement is skipped`;

interface Measured {
  ok: boolean;
  fail: Record<
    string,
    { fixtures: number; passAfterFix: number; noAutomaticFix: Record<string, { fixtures: number; reasons: string[] }>; unexpected: unknown[] }
  >;
  pass: Record<string, { fixtures: number; nothingToFix: number; identical: number; changed: string[] }>;
  variants: Record<string, { files: number; unexpected: unknown[]; errors: unknown[] }>;
  examples: { nothingToFix: number; identical: number; altered: string[]; changedBySecondRun: string[] };
}

test('fix --unsafe leaves only what has no automatic fix; what has nothing to fix comes out byte-identical', { skip, timeout: 600_000 }, () => {
  const p = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'fix-conformance.js'), '--json', '--conformance', CONFORMANCE], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  assert.equal(p.stderr, '');
  const m = JSON.parse(p.stdout) as Measured;
  for (const [level, r] of Object.entries(m.fail)) {
    assert.deepEqual(r.unexpected, [], `${level}: violations left that the fixer claims to fix`);
    const justified = Object.values(r.noAutomaticFix).reduce((n, v) => n + v.fixtures, 0);
    assert.equal(r.passAfterFix + justified, r.fixtures, `${level}: every fixture passes or is listed with its reason`);
    for (const [check, v] of Object.entries(r.noAutomaticFix)) assert.ok(v.reasons.length > 0, `${level}: ${check} is left with a reason`);
  }
  for (const [level, r] of Object.entries(m.pass)) {
    assert.deepEqual(r.changed, [], `${level}: pass fixtures with nothing to fix were changed`);
    if (level.includes('preset pss')) assert.equal(r.identical, r.fixtures, `${level}: with the standard alone no pass fixture has anything to fix`);
  }
  for (const [level, r] of Object.entries(m.variants)) {
    assert.deepEqual(r.unexpected, [], `${level} variants`);
    assert.deepEqual(r.errors, [], `${level} variants`);
  }
  assert.deepEqual(m.examples.altered, []);
  assert.deepEqual(m.examples.changedBySecondRun, []);
  assert.ok(m.examples.nothingToFix > 0);
  assert.equal(m.ok, true);
});
