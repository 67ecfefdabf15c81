// `podguard profiles bundle` rendered by the real kustomize and scanned with the strict preset:
// nothing fails, and every finding is one the agent's work on its node requires, excepted on the
// object with its reason. Pools get their own DaemonSets with their selectors, kubelet roots and
// only the privileges their nodes' kinds need.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { podguard, podguardJson, REPO } from '../support/cli';
import { tempDir } from '../support/temp-dir';
import { needs, realTool } from '../support/tools';
import { needsHostTool } from './host-packages';

const skip = needs('kustomize') || needsHostTool('apparmor_parser', 'apparmor') || needsHostTool('secilc', 'secilc');
const VALID = path.join(REPO, 'test', 'profiles', 'fixtures', 'valid');

function render(args: string[]): { out: string; yaml: string; objects: any[] } {
  const out = path.join(tempDir('podguard-bundle-'), 'bundle');
  const r = podguard(['profiles', 'bundle', ...args, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const k = spawnSync(realTool('kustomize')!, ['build', out], { encoding: 'utf8' });
  assert.equal(k.status, 0, k.stderr);
  fs.writeFileSync(path.join(out, '..', 'rendered.yaml'), k.stdout);
  return { out, yaml: path.join(out, '..', 'rendered.yaml'), objects: parseAllDocuments(k.stdout).map((d) => d.toJSON()) };
}

test('the bundle renders with kustomize and passes the strict preset, its host access excepted with reasons', { skip }, () => {
  const { yaml, objects } = render([VALID]);
  assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort(), [
    'ClusterRole/podguard-profiles-agent',
    'ClusterRoleBinding/podguard-profiles-agent',
    'ConfigMap/podguard-profiles-apparmor',
    'ConfigMap/podguard-profiles-index',
    'ConfigMap/podguard-profiles-seccomp',
    'ConfigMap/podguard-profiles-selinux',
    'DaemonSet/podguard-profiles-agent',
    'Namespace/podguard-profiles',
    'ServiceAccount/podguard-profiles-agent',
    'ValidatingAdmissionPolicy/podguard-profiles-agent-own-node-labels',
    'ValidatingAdmissionPolicyBinding/podguard-profiles-agent-own-node-labels',
  ]);
  const seccomp = objects.find((o) => o.metadata.name === 'podguard-profiles-seccomp');
  assert.equal(seccomp.data['web.json'], fs.readFileSync(path.join(VALID, 'seccomp', 'web.json'), 'utf8'));
  const index = JSON.parse(objects.find((o) => o.metadata.name === 'podguard-profiles-index').data['index.json']);
  assert.deepEqual(index.profiles.map((p: { name: string }) => p.name).sort(), [
    'podguard-nginx',
    'podguard/audit.json',
    'podguard/web.json',
    'podguard_web.process',
  ]);
  const role = objects.find((o) => o.kind === 'ClusterRole');
  assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] }]);

  const { run, doc } = podguardJson(['scan', yaml, '--preset', 'strict']);
  assert.equal(run.code, 0, run.stdout);
  assert.equal(doc.summary.failed, 0);
  const [ds] = doc.results;
  assert.equal(ds!.object.kind, 'DaemonSet');
  assert.ok(ds!.violations.length >= 10);
  for (const v of ds!.violations) {
    assert.equal(v.exception?.status, 'applied', `${v.check} is not excepted`);
    assert.ok(v.exception!.justification.length > 30, `${v.check}: the reason says why`);
  }
  // What it excepts is what it must do on the host: hostPath, root, MAC_ADMIN/privileged, its token.
  assert.deepEqual([...new Set(ds!.violations.map((v) => v.check))].sort(), [
    'allowPrivilegeEscalation',
    'capabilities_restricted',
    'host-user-namespace',
    'privileged',
    'restrictedVolumes',
    'run-as-root-group',
    'runAsNonRoot',
    'runAsUser',
    'sensitive-host-path',
    'service-account-token-mounted',
  ]);
});

test('pools: one DaemonSet each, with its selector, kubelet root, and no AppArmor privileges where there is no AppArmor', { skip }, () => {
  const { yaml, objects } = render([
    path.join(VALID),
    '--pool',
    'general:pool=general',
    '--pool',
    'k0s:pool=k0s:kubelet-root=/var/lib/k0s/kubelet:no-apparmor:no-selinux',
  ]);
  const sets = objects.filter((o) => o.kind === 'DaemonSet');
  assert.deepEqual(
    sets.map((d) => d.metadata.name),
    ['podguard-profiles-agent-general', 'podguard-profiles-agent-k0s'],
  );
  const [general, k0s] = sets;
  assert.deepEqual(general.spec.template.spec.nodeSelector, { 'kubernetes.io/os': 'linux', pool: 'general' });
  assert.deepEqual(k0s.spec.template.spec.nodeSelector, { 'kubernetes.io/os': 'linux', pool: 'k0s' });
  const hostPaths = (d: any) => d.spec.template.spec.volumes.filter((v: any) => v.hostPath).map((v: any) => v.hostPath.path);
  assert.deepEqual(hostPaths(k0s), ['/var/lib/k0s/kubelet/seccomp/podguard', '/var/lib/podguard-profiles']);
  assert.ok(hostPaths(general).includes('/sys/kernel/security'));
  const k0sContainer = k0s.spec.template.spec.containers[0];
  assert.deepEqual(k0sContainer.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
  assert.ok(k0sContainer.args.includes('--no-apparmor') && k0sContainer.args.includes('--no-selinux'));
  // The seccomp-only pool needs no privilege beyond root and its two host folders.
  const { run, doc } = podguardJson(['scan', yaml, '--preset', 'strict']);
  assert.equal(run.code, 0);
  const k0sResult = doc.results.find((r) => r.object.name === 'podguard-profiles-agent-k0s')!;
  assert.deepEqual([...new Set(k0sResult.violations.map((v) => v.check))].sort(), [
    'host-user-namespace',
    'restrictedVolumes',
    'run-as-root-group',
    'runAsNonRoot',
    'runAsUser',
    'service-account-token-mounted',
  ]);
});

test('bundle refuses broken profiles and bad pools with one clear line each', { skip }, () => {
  const bad = podguard(['profiles', 'bundle', path.join(REPO, 'test/profiles/fixtures/invalid'), '-o', path.join(tempDir('pb-'), 'x')]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /no bundle written: fix the errors above first/);
  const pool = podguard(['profiles', 'bundle', VALID, '-o', path.join(tempDir('pb-'), 'x'), '--pool', 'gpu:pool=gpu:kubelet-root=relative']);
  assert.equal(pool.code, 2);
  assert.match(pool.stderr, /unknown option "kubelet-root=relative" \(use kubelet-root=\/ABSOLUTE\/PATH/);
  assert.doesNotMatch(pool.stderr, /at .*\.js:\d+/);
});
