// The manifest: hardening written before a merge key that takes it back. kubectl
// (sigs.k8s.io/yaml, go-yaml v2) applies the merge, so the pod runs as root with escalation;
// scan must report that, and fix must say why it cannot edit the overridden keys instead of
// claiming there is nothing to fix.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { podguard, podguardJson } from '../support/cli';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx
    securityContext:
      allowPrivilegeEscalation: false
      runAsUser: 1000
      privileged: false
      runAsNonRoot: true
      capabilities: {drop: [ALL]}
      seccompProfile: {type: RuntimeDefault}
      <<: {runAsUser: 0, allowPrivilegeEscalation: true, privileged: true}
`;

test('scan reads the merge as kubectl does: root, escalation and privileged are reported at the merge line', () => {
  const { run, doc } = podguardJson(['scan', '-', '--preset', 'pss'], { input: MANIFEST });
  assert.equal(run.code, 1);
  const v = doc.results[0]!.violations;
  assert.deepEqual(v.map((x) => x.check).sort(), ['allowPrivilegeEscalation', 'privileged', 'runAsUser']);
  for (const x of v)
    assert.deepEqual(
      x.fields.map((f) => f.line),
      [16],
      x.check,
    );
});

test('fix --unsafe names the merge key and leaves the file as it was', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-merge-'));
  const file = path.join(dir, 'pod.yaml');
  fs.writeFileSync(file, MANIFEST);
  const run = podguard(['fix', file, '--unsafe', '--write']);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const report = run.stdout + run.stderr; // with --write the report goes to stderr
  assert.match(report, /cannot edit spec\.containers\[0\]\.securityContext\.runAsUser: a YAML merge key \(<<\) after it in its mapping may override it/);
  assert.match(report, /4 problems left in 1 object/);
  assert.equal(fs.readFileSync(file, 'utf8'), MANIFEST);
});
