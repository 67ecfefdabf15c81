import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_EXCEPTIONS } from '../exceptions/exception';
import { analyse } from './analyse';
import { rbacFromYaml } from './test-objects';

const header = `apiVersion: v1
kind: Namespace
metadata: {name: a, labels: {pod-security.kubernetes.io/enforce: privileged}}
---
apiVersion: v1
kind: Namespace
metadata: {name: b}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: everything}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}, {nonResourceURLs: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: label-b}
rules: [{apiGroups: [""], resources: [namespaces], resourceNames: [b], verbs: [patch]}]
`;

function findings(bindings: string) {
  const rbac = rbacFromYaml(`${header}---\n${bindings}`);
  assert.deepEqual(rbac.errors, []);
  return analyse({ authorizer: rbac.authorizer, namespaces: rbac.namespaces, exemptions: rbac.podSecurity.exemptions, exceptions: NO_EXCEPTIONS, now: 0 }).map(
    (f) => `${f.id} ${f.subject.kind}:${f.subject.name} ${f.namespace ?? f.scope}`,
  );
}

test('a RoleBinding gives nothing cluster-scoped, and pods only in its own namespace', () => {
  const got = findings(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: a}
roleRef: {kind: ClusterRole, name: everything}
subjects: [{kind: User, name: u}]`);
  assert.ok(got.includes('rbac-create-pods-privileged-namespace User:u a'));
  assert.ok(got.includes('rbac-patch-namespace User:u a'));
  assert.ok(got.includes('rbac-read-secrets User:u a'));
  assert.ok(got.includes('rbac-impersonate User:u a'), 'service accounts of its namespace');
  assert.ok(!got.some((f) => /webhooks|nodes-proxy|csr/.test(f)), got.join('\n'));
  assert.ok(!got.some((f) => f.endsWith(' b')));
});

test('a ClusterRoleBinding reaches every namespace; its ServiceAccount subject without namespace matches no one', () => {
  const got = findings(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {kind: ClusterRole, name: everything}
subjects: [{kind: Group, name: g}, {kind: ServiceAccount, name: nowhere}]`);
  assert.ok(got.includes('rbac-edit-admission-webhooks Group:g cluster'));
  assert.ok(got.includes('rbac-read-secrets Group:g all-namespaces'));
  assert.ok(got.includes('rbac-patch-namespace Group:g a') && got.includes('rbac-patch-namespace Group:g b'));
  // default PodSecurityConfiguration: an unlabelled namespace enforces privileged
  assert.ok(got.includes('rbac-create-pods-privileged-namespace Group:g b'));
  assert.ok(!got.some((f) => f.includes('nowhere')));
});

test('resourceNames limit the namespace relabelling to the namespaces named', () => {
  const got = findings(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {kind: ClusterRole, name: label-b}
subjects: [{kind: User, name: u}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: a}
roleRef: {kind: ClusterRole, name: label-b}
subjects: [{kind: User, name: v}]`);
  assert.deepEqual(got, ['rbac-patch-namespace User:u b']);
});
