import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PSS_CHECKS } from '../../pss/checks';
import { NEWEST_MINOR } from '../../pss/version';
import { CEL_CHECKS } from './checks';
import { exportPss, pssVariables, STATIC_SUFFIX } from './export';
import { toJson, toYaml } from './manifest';

const BASE = { actions: ['Deny'], namespaces: 'label', static: false } as const;

test('every version of every Pod Security Standards check has its CEL, and nothing else does', () => {
  const expected = PSS_CHECKS.map((c) => `${c.id}@${c.versions.map((v) => v.since).join(',')}`).sort();
  const generated = CEL_CHECKS.map((c) => `${c.id}@${c.versions.map((v) => v.since).join(',')}`).sort();
  assert.deepEqual(generated, expected);
});

test('each level and version gets the checks the registry runs there, in its order', () => {
  assert.deepEqual(
    pssVariables('restricted', 20).map((v) => v.name),
    [
      'appArmorProfile',
      'capabilities_baseline',
      'hostNamespaces',
      'hostPathVolumes',
      'hostPorts',
      'privileged',
      'procMount',
      'seLinuxOptions',
      'seccompProfile_baseline',
      'sysctls',
      'windowsHostProcess',
      'allowPrivilegeEscalation',
      'restrictedVolumes',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ].filter((id) => id !== 'hostPathVolumes' && id !== 'seccompProfile_baseline'),
  );
  // v1.34 brought host probes; v1.31 container_engine_t; v1.27 one more sysctl.
  assert.ok(!pssVariables('baseline', 33).some((v) => v.name === 'hostProbesAndHostLifecycle'));
  assert.ok(pssVariables('baseline', 34).some((v) => v.name === 'hostProbesAndHostLifecycle'));
  const se = (minor: number) => pssVariables('baseline', minor).find((v) => v.name === 'seLinuxOptions')!.expression;
  assert.ok(!se(30).includes('container_engine_t') && se(31).includes('container_engine_t'));
  const sysctl = (minor: number) => pssVariables('baseline', minor).find((v) => v.name === 'sysctls')!.expression;
  assert.ok(!sysctl(26).includes('net.ipv4.ip_local_reserved_ports') && sysctl(27).includes('net.ipv4.ip_local_reserved_ports'));
});

test('the newest version binds namespaces labelled latest, v1.N or with no version label; older ones their own version', () => {
  const newest = exportPss({ ...BASE, level: 'baseline', version: 'latest' });
  assert.deepEqual(
    newest.map((o) => o['kind']),
    ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingAdmissionPolicyBinding'],
  );
  const selectors = newest.slice(1).map((b) => JSON.stringify((b['spec'] as { matchResources: unknown }).matchResources));
  assert.match(selectors[0]!, new RegExp(`"values":\\["latest","v1\\.${NEWEST_MINOR}"\\]`));
  assert.match(selectors[1]!, /"operator":"DoesNotExist"/);
  const old = exportPss({ ...BASE, level: 'restricted', version: 25, actions: ['Warn', 'Audit'] });
  assert.equal(old.length, 2);
  const binding = JSON.stringify(old[1]);
  assert.match(binding, /"pod-security.kubernetes.io\/warn","operator":"In","values":\["restricted"\]/);
  assert.match(binding, /"values":\["v1.25"\]/);
  assert.match(binding, /"validationActions":\["Warn","Audit"\]/);
  assert.match(JSON.stringify(old[0]), /would violate PodSecurity/);
});

test('static manifests: every name ends in .static.k8s.io and bindings name the static policy', () => {
  const objects = exportPss({ ...BASE, level: 'baseline', version: 30, static: true, exemptNamespaces: ['kube-system'], exemptUsernames: ['system:admin'] });
  for (const o of objects) assert.ok((o['metadata'] as { name: string }).name.endsWith(STATIC_SUFFIX));
  const policyName = (objects[0]!['metadata'] as { name: string }).name;
  assert.equal((objects[1]!['spec'] as { policyName: string }).policyName, policyName);
  assert.match(JSON.stringify(objects[1]), /"kubernetes.io\/metadata.name","operator":"NotIn","values":\["kube-system"\]/);
  assert.match(JSON.stringify(objects[0]), /request.userInfo.username in \['system:admin'\]/);
  const yamlText = toYaml(objects, { ...BASE, level: 'baseline', version: 30, static: true });
  assert.match(yamlText, /^# Pod Security Standards baseline:v1.30 /);
  assert.match(yamlText, /staticManifestsDir/);
  assert.equal(JSON.parse(toJson(objects)).items.length, objects.length);
});
