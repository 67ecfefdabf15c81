// The README's example output is what podguard prints: every ```console block's `$ podguard …`
// command is run from the repository root and its standard output compared byte for byte.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { podguard, REPO } from '../support/cli';
import { needs, toolPath } from '../support/tools';

const README = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
const BLOCKS = [...README.matchAll(/```console\n\$ podguard ([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({ args: m[1]!.split(' '), expected: m[2]! }));

test('the README has console examples', () => {
  assert.ok(BLOCKS.length >= 2);
});

for (const b of BLOCKS) {
  const rendered = b.args.includes('test/fixtures/repo');
  test(`README: podguard ${b.args.join(' ')}`, { skip: rendered ? needs('helm', 'kustomize') : false }, () => {
    const run = podguard(b.args, rendered ? { env: { PATH: toolPath('helm', 'kustomize') } } : {});
    assert.equal(run.stdout, b.expected);
  });
}
