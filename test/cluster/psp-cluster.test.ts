// `psp admit --cluster` against a real kube-apiserver (v1.37, from `npm run tools`): PodSecurityPolicy
// is no longer served there, and podguard says so in one line instead of a stack trace.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startCluster } from '../kubernetes-support/kube-cluster';
import { missingTools } from '../kubernetes-support/tools';
import { podguard } from '../support/cli';

const skip = missingTools('kube-apiserver', 'etcd');

test('psp --cluster on a cluster without PodSecurityPolicy is one clear usage error', { skip, timeout: 240_000 }, async (t) => {
  const cluster = await startCluster({ podSecurity: { exemptNamespaces: [] } });
  t.after(() => cluster.stop());
  const run = podguard(['psp', 'admit', '--cluster', '--kubeconfig', cluster.adminKubeconfig]);
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /cannot list \/apis\/policy\/v1beta1\/podsecuritypolicies: .*Kubernetes v1\.25 and later no longer serve PodSecurityPolicy/);
  assert.ok(!run.stderr.includes('    at '), 'no stack trace');
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
});
