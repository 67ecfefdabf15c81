import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can } from './can';
import { impersonatedUser } from './subjects';
import { rbacFromYaml } from './test-objects';

const YAML = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader, labels: {agg: "yes"}}
rules: [{apiGroups: [""], resources: [pods, pods/log], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: aggregated}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg: "yes"}}]}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: ci}
rules: [{apiGroups: [apps], resources: [deployments], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployers, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
subjects: [{kind: ServiceAccount, name: robot}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: everyone-aggregated}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: aggregated}
subjects: [{kind: Group, name: system:authenticated}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dangling, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: gone}
subjects: [{kind: User, name: alice}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: cluster-role-ref}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
subjects: [{kind: User, name: alice}]
`;

test("ClusterRoleBindings, then the namespace's RoleBindings; aggregated rules replace the stored ones", () => {
  const rbac = rbacFromYaml(YAML);
  const alice = impersonatedUser('alice', []);
  const get = rbac.authorizer.authorize(alice, { verb: 'get', namespace: 'x', apiGroup: '', resource: 'pods', subresource: '', name: '' });
  assert.equal(get.allowed, true);
  assert.equal(get.reason, 'RBAC: allowed by ClusterRoleBinding "everyone-aggregated" of ClusterRole "aggregated" to Group "system:authenticated"');
  // the stored `*` rule of the aggregated role is not what counts
  assert.equal(rbac.authorizer.authorize(alice, { verb: 'delete', namespace: 'x', apiGroup: '', resource: 'pods', subresource: '', name: '' }).allowed, false);
  const denied = rbac.authorizer.authorize(alice, { verb: 'create', namespace: 'ci', apiGroup: 'apps', resource: 'deployments', subresource: '', name: '' });
  assert.equal(denied.allowed, false);
  // A Role bound by a ClusterRoleBinding is looked up in namespace "": never found.
  assert.deepEqual(denied.missingRoles, ['ClusterRoleBinding cluster-role-ref: Role "deployer" not found', 'RoleBinding ci/dangling: Role "gone" not found']);
});

test('a RoleBinding reaches only its namespace, and its ServiceAccount subject defaults to that namespace', () => {
  const rbac = rbacFromYaml(YAML);
  const robot = impersonatedUser('system:serviceaccount:ci:robot', []);
  const inCi = can(rbac.authorizer, { subject: robot.name, groups: [], verb: 'create', resource: 'deployments', namespace: 'ci' });
  assert.equal(inCi.decision.allowed, true);
  assert.equal(inCi.decision.reason, 'RBAC: allowed by RoleBinding "deployers/ci" of Role "deployer" to ServiceAccount "robot/ci"');
  assert.equal(
    can(rbac.authorizer, { subject: robot.name, groups: [], verb: 'create', resource: 'deployments.apps', namespace: 'prod' }).decision.allowed,
    false,
  );
  assert.equal(can(rbac.authorizer, { subject: robot.name, groups: [], verb: 'create', resource: 'deployments', allNamespaces: true }).decision.allowed, false);
  assert.equal(
    can(rbac.authorizer, { subject: 'system:serviceaccount:prod:robot', groups: [], verb: 'create', resource: 'deployments', namespace: 'ci' }).decision
      .allowed,
    false,
  );
});

test('system:masters is allowed before RBAC, as kube-apiserver does', () => {
  const rbac = rbacFromYaml(YAML);
  const d = rbac.authorizer.authorize({ name: 'root', groups: ['system:masters'] }, { verb: 'delete', path: '/anything' });
  assert.equal(d.allowed, true);
  assert.match(d.reason, /system:masters/);
});
