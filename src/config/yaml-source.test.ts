// podguard's configuration is read the way manifests are (sources/read-yaml.ts): the same
// YAML 1.1 scalars and go-yaml v2 merge keys as kubectl, with lines for every path.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadSettings } from './load';
import { readYaml } from './yaml-source';

test('`no` is false and 0755 is octal in podguard.yaml, as in a manifest', () => {
  const src = readYaml('a: no\nb: 0755\nc: "no"\n');
  assert.deepEqual(src.value, { a: false, b: 493, c: 'no' });
  // Before, annotationExceptions: no was the string "no": a schema error, and exceptions stayed on.
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-yaml-source-'));
  fs.writeFileSync(path.join(d, 'podguard.yaml'), 'annotationExceptions: no\n');
  const loaded = loadSettings({ cwd: d });
  assert.deepEqual(loaded.errors, []);
  assert.equal(loaded.base.exceptions?.annotations, false);
});

test('merge keys as kubectl applies them: a later merge overrides an earlier key', () => {
  assert.deepEqual(readYaml('base: &b {level: baseline}\nteam:\n  level: restricted\n  <<: *b\n').value, {
    base: { level: 'baseline' },
    team: { level: 'baseline' },
  });
});

test('errors and paths have lines; one document only; empty files are empty', () => {
  const broken = readYaml('# head\nlevel: [a\n');
  assert.equal(broken.errors.length, 1);
  assert.match(broken.errors[0]!.message, /^invalid YAML: /);
  assert.equal(broken.errors[0]!.line, 3);
  assert.match(readYaml('a: 1\na: 2\n').errors[0]!.message, /duplicated mapping key/);
  assert.deepEqual(readYaml('a: 1\n---\nb: 2\n').errors, [{ line: 2, message: 'a configuration file holds one YAML document; this one has more (---)' }]);
  assert.equal(readYaml('# nothing\n').value, undefined);
  const src = readYaml('# c\nnamespaces:\n  team-a:\n    level: bogus\nlist:\n  - x\n  - y\n');
  assert.equal(src.lineOf(['namespaces', 'team-a', 'level']), 4);
  assert.equal(src.lineOf(['namespaces', 'team-a'], true), 3);
  assert.equal(src.lineOf(['list', 1]), 7);
  assert.equal(src.lineOf(['namespaces', 'missing', 'deeper']), 2, 'the nearest existing ancestor (where its value starts)');
});
