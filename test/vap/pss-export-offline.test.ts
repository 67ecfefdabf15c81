// The exported Pod Security Standards policies (`podguard vap export`), judged offline by
// podguard's own ValidatingAdmissionPolicy evaluator (`podguard vap test`), give Pod Security
// Admission's verdict on every upstream fixture of that level and version (../shared/conformance/pss,
// index.json: file, level, version, expect). test/cluster/vap-export.test.ts checks the same
// policies in the real API server; this one needs no cluster.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { podguard, REPO } from '../support/cli';
import { tempDir } from '../support/temp-dir';

const PSS = path.join(REPO, '..', 'shared', 'conformance', 'pss');
const INDEX = path.join(PSS, 'index.json');
const skip = fs.existsSync(INDEX) ? false : `${PSS} not found (the conformance corpus lives beside the clone)`;

interface Case {
  file: string;
  level: string;
  version: string;
  expect: 'pass' | 'fail';
}
interface Judged {
  source: { file: string };
  allowed: boolean;
}

const minor = (v: string) => Number(v.split('.')[1]);

test('the exported PSS policies, judged offline, agree with PSA on every fixture (newest version and v1.25)', { skip }, () => {
  const cases = (JSON.parse(fs.readFileSync(INDEX, 'utf8')) as { cases: Case[] }).cases;
  const dir = tempDir('podguard-vap-offline-');
  const counts: string[] = [];
  for (const level of ['baseline', 'restricted']) {
    const ofLevel = cases.filter((c) => c.level === level);
    const newest = ofLevel.reduce((m, c) => Math.max(m, minor(c.version)), 0);
    for (const version of [`v1.${newest}`, 'v1.25']) {
      const fixtures = ofLevel.filter((c) => c.version === version);
      assert.ok(fixtures.length > 0, `no fixtures for ${level} ${version}`);
      const policy = path.join(dir, `${level}-${version}.yaml`);
      const exported = podguard(['vap', 'export', '--level', level, '--pss-version', version, '--namespaces', 'all', '--output-file', policy]);
      assert.equal(exported.code, 0, exported.stderr);
      const judged = podguard(['vap', 'test', policy, ...fixtures.map((c) => path.join(PSS, c.file)), '-o', 'json']);
      assert.equal(judged.stderr, '', `vap test reported problems for ${level} ${version}`);
      const doc = JSON.parse(judged.stdout) as { policies: number; results: Judged[] };
      assert.equal(doc.policies, 1, 'the exported policy was read');
      const verdict = new Map(doc.results.map((r) => [path.resolve(r.source.file), r.allowed ? 'pass' : 'fail']));
      const wrong = fixtures
        .filter((c) => verdict.get(path.join(PSS, c.file)) !== c.expect)
        .map((c) => `${c.file}: expected ${c.expect}, got ${verdict.get(path.join(PSS, c.file)) ?? 'nothing'}`);
      assert.deepEqual(wrong, [], `${level} ${version}`);
      counts.push(`${level} ${version} ${fixtures.length}/${fixtures.length}`);
    }
  }
  console.log(`# exported PSS policies offline: ${counts.join(', ')} agree with PSA`);
});
