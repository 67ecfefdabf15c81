// podguard audit --rbac: the RBAC view per namespace in the audit's text and JSON reports, from
// the same offline input (examples/rbac).

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { podguard, REPO } from '../support/cli';

const DIR = path.join(REPO, 'examples', 'rbac');
const ARGS = ['audit', 'cluster-dump.yaml', '--rbac', '-c', 'pod-security-config.yaml'];

test('audit --rbac: per namespace, who can run pods, who can relabel it, findings by severity', () => {
  const run = podguard([...ARGS, '-o', 'json'], { cwd: DIR });
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(run.stdout);
  const byName = new Map((doc.rbac as Record<string, any>[]).map((v) => [v['namespace'] as string, v]));
  assert.deepEqual([...byName.keys()], ['kube-system', 'legacy', 'monitoring', 'prod', 'team-a']);
  assert.deepEqual(byName.get('legacy'), {
    namespace: 'legacy',
    enforce: 'privileged:latest',
    exempt: false,
    canRunPods: ['Group devs', 'User break-glass'],
    canRelabel: [],
    findings: { critical: 5, high: 0, medium: 0, low: 0 },
  });
  assert.deepEqual(byName.get('prod')!['canRelabel'], ['User carol']);
  assert.equal(byName.get('kube-system')!['exempt'], true);
  // the audit itself is unchanged
  assert.equal(doc.kind, 'PodguardAudit');
  assert.equal(doc.namespaces.length, 5);

  const text = podguard(ARGS, { cwd: DIR });
  assert.equal(text.code, 0);
  assert.match(
    text.stdout,
    /RBAC per namespace[^\n]*\n {2}kube-system exempt {2}5 critical\n {4}can run unchecked pods: ServiceAccount kube-system\/operator, User break-glass\n/,
  );
  assert.match(text.stdout, /prod restricted:latest[^\n]*\n {4}can run pods: User break-glass\n {4}can relabel the namespace: User carol\n/);
  const none = podguard(['audit', 'cluster-dump.yaml', '-c', 'pod-security-config.yaml'], { cwd: DIR });
  assert.doesNotMatch(none.stdout, /RBAC per namespace/);
  assert.equal(podguard([...ARGS, '-o', 'html'], { cwd: DIR }).code, 2);
});
