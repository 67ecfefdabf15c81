// Bad PodSecurityPolicy input: one error naming the file, the line and the field; the rest is still read.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { podguard } from '../support/cli';
import { tempDir } from '../support/temp-dir';

test('a mistyped policy field is one error at its line, and the policy is left out', () => {
  const dir = tempDir('podguard-psp-read-');
  const file = path.join(dir, 'dump.yaml');
  fs.writeFileSync(
    file,
    [
      'apiVersion: policy/v1beta1',
      'kind: PodSecurityPolicy',
      'metadata: { name: broken }',
      'spec:',
      '  privileged: maybe',
      '  runAsUser: { rule: RunAsAny }',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: p, namespace: ns }',
      'spec:',
      '  containers: [{ name: c, image: i }]',
      '',
    ].join('\n'),
  );
  const run = podguard(['psp', 'admit', file]);
  assert.equal(run.code, 2);
  assert.equal(run.stderr, `${file}:5: error: PodSecurityPolicy "broken": spec.privileged must be true or false; the policy is left out\n`);
  // With no policy left, the pod meets upstream's "no providers" denial.
  assert.match(run.stdout, /denied: pods "p" is forbidden: PodSecurityPolicy: no providers available to validate pod request/);
});
