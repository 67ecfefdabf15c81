// Golden tests of `podguard fix`: real-looking manifests (test/fix/golden/<case>/input.*) with
// comments and odd formatting, fixed with the case's command-line options (case.json), must come
// out exactly as expected.* — and then: a second run changes nothing, what is left is exactly
// the findings the case lists, and every fix and remedy is exercised by some case.
// To regenerate the expected files after an intended change, run with PODGUARD_UPDATE_GOLDEN=1
// and review the diff of test/fix/golden before committing it.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseArgs } from 'node:util';
import { SETTINGS_OPTIONS, settingsFromOptions } from '../../src/cli/settings-options';
import type { Remedy } from '../../src/fix/engine/fix';
import { fixSource } from '../../src/fix/engine/fix-source';
import { FIXES, fixFor } from '../../src/fix/engine/registry';
import { REPO } from '../support/cli';

const GOLDEN = path.join(REPO, 'test', 'fix', 'golden');
const UPDATE = process.env['PODGUARD_UPDATE_GOLDEN'] === '1';

interface Case {
  readonly description: string;
  readonly args: readonly string[];
  /** Check and policy ids still reported after fixing. */
  readonly left: readonly string[];
}

const usedFixes = new Set<string>();
const usedRemedies = new Set<Remedy>();

for (const name of fs.readdirSync(GOLDEN).sort()) {
  const dir = path.join(GOLDEN, name);
  const spec = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as Case;
  const input = fs.readdirSync(dir).find((f) => f.startsWith('input.'))!;
  const expectedFile = path.join(dir, input.replace(/^input\./, 'expected.'));
  test(`${name}: ${spec.description}`, () => {
    const { values } = parseArgs({
      args: [...spec.args],
      strict: true,
      options: { ...SETTINGS_OPTIONS, unsafe: { type: 'boolean' }, only: { type: 'string' } },
    });
    const settings = settingsFromOptions(values, dir);
    const options = { unsafe: values.unsafe === true, ...(values.only !== undefined ? { only: new Set(values.only.split(',')) } : {}) };
    const text = fs.readFileSync(path.join(dir, input), 'utf8');
    const r = fixSource(text, input, settings, options);
    for (const o of r.objects) {
      for (const a of o.applied) {
        for (const check of [a.check, ...a.alsoFor]) usedFixes.add(check);
        usedRemedies.add(fixFor(a.check)!.remedies[a.remedy]!);
      }
    }
    if (UPDATE) fs.writeFileSync(expectedFile, r.output);
    assert.deepEqual(r.errors, []);
    assert.equal(r.output, fs.readFileSync(expectedFile, 'utf8'));
    if (input.endsWith('.json')) JSON.parse(r.output);

    const again = fixSource(r.output, input, settings, options);
    assert.equal(again.output, r.output, 'a second run changes nothing');

    const left = [...new Set(r.objects.flatMap((o) => o.remaining.map((x) => x.violation.check)))].sort();
    assert.deepEqual(left, [...spec.left].sort(), 'what is left after fixing');
  });
}

test('every fix and every remedy is exercised by a golden case', () => {
  assert.deepEqual(
    FIXES.map((f) => f.id).filter((id) => !usedFixes.has(id)),
    [],
    'fixes no golden case makes',
  );
  const unused = FIXES.flatMap((f) =>
    Object.entries(f.remedies)
      .filter(([, r]) => !usedRemedies.has(r))
      .map(([n]) => `${f.id}/${n}`),
  );
  assert.deepEqual([...new Set(unused)], [], 'remedies no golden case uses');
});
