import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rbacFromYaml } from './test-objects';

test('a PodSecurityConfiguration inline in an AdmissionConfiguration gives exemptions and defaults', () => {
  const rbac = rbacFromYaml(`apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
- name: PodSecurity
  configuration:
    apiVersion: pod-security.admission.config.k8s.io/v1
    kind: PodSecurityConfiguration
    defaults: {enforce: baseline}
    exemptions: {namespaces: [kube-system], usernames: [ci]}
---
apiVersion: v1
kind: Namespace
metadata: {name: plain}
`);
  assert.deepEqual(rbac.errors, []);
  assert.deepEqual([...rbac.podSecurity.exemptions.usernames], ['ci']);
  assert.equal(rbac.namespaces.get('plain')!.enforce.level, 'baseline');
  assert.equal(typeof rbac.podSecuritySource, 'object');
});

test('problems are errors at their line; duplicates and objects without namespace are named', () => {
  const rbac = rbacFromYaml(
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: c}
aggregationRule:
  clusterRoleSelectors:
  - matchExpressions: [{key: a, operator: Exists, values: [x]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {kind: ClusterRole, name: c}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {kind: ClusterRole, name: c}
`,
    'in.yaml',
  );
  assert.deepEqual(
    rbac.errors.map((e) => `${e.file}:${e.line} ${e.message}`),
    [
      'in.yaml:3 Role r: metadata.namespace: required: a namespaced object read from a file must say its namespace (kubectl get -A -o yaml prints it)',
      'in.yaml:11 ClusterRole c: aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator: values set must be empty for exists and does not exist',
      'in.yaml:18 ClusterRoleBinding b: ClusterRoleBinding b is given twice (first at in.yaml:13); the first is used',
    ],
  );
  assert.equal(rbac.objects.clusterRoleBindings.length, 1);
});
