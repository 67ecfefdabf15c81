import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocuments } from '../sources/parse-documents';
import { judgeCreate, offlineSet } from './offline';

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: replicas}
spec:
  paramKind: {apiVersion: v1, kind: ConfigMap}
  matchConstraints:
    resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}]
    namespaceSelector: {matchLabels: {team: shop}}
  variables:
  - {name: max, expression: int(params.data.max)}
  validations:
  - expression: object.spec.replicas <= variables.max
    messageExpression: "'replicas must be at most ' + string(variables.max)"
    reason: Forbidden
  - expression: authorizer.group('apps').resource('deployments').namespace(object.metadata.namespace).check('delete').allowed()
    message: only those who may delete deployments may create them
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replicas-binding}
spec:
  policyName: replicas
  validationActions: [Deny, Warn]
  paramRef: {name: limits, parameterNotFoundAction: Deny}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: limits, namespace: shop}
data: {max: "3"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: bob-admin, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: bob}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin}
rules: [{apiGroups: [apps], resources: [deployments], verbs: ['*']}]
`;

const deployment = (namespace: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace },
  spec: { replicas, selector: {}, template: {} },
});

const set = offlineSet(parseDocuments(POLICY, 'policy.yaml', {}).objects);

test('params, variables, messageExpression and reason: the API server words and status', () => {
  const admin = { username: 'admin', groups: ['system:masters'] };
  const r = judgeCreate(set, deployment('shop', 5), admin);
  assert.equal(r.allowed, false);
  assert.deepEqual(r.status, {
    code: 403,
    reason: 'Forbidden',
    message: `deployments.apps "web" is forbidden: ValidatingAdmissionPolicy 'replicas' with binding 'replicas-binding' denied request: replicas must be at most 3`,
  });
  assert.deepEqual(r.warnings, ["Validation failed for ValidatingAdmissionPolicy 'replicas' with binding 'replicas-binding': replicas must be at most 3"]);
  assert.equal(judgeCreate(set, deployment('shop', 3), admin).allowed, true);
  assert.equal(judgeCreate(set, deployment('other', 5), admin).allowed, true, 'the namespace selector leaves other namespaces out');
});

test('the authorizer asks RBAC over the inputs, for the requesting user', () => {
  assert.equal(judgeCreate(set, deployment('shop', 1), { username: 'bob', groups: [] }).allowed, true);
  const carol = judgeCreate(set, deployment('shop', 1), { username: 'carol', groups: [] });
  assert.equal(carol.status?.code, 422);
  assert.match(carol.status!.message, /denied request: only those who may delete deployments may create them$/);
});

test('a missing param with parameterNotFoundAction Deny fails the request', () => {
  const noParams = offlineSet(parseDocuments(POLICY.replace('name: limits,', 'name: absent,'), 'policy.yaml', {}).objects);
  const r = judgeCreate(noParams, deployment('shop', 1), { username: 'admin', groups: ['system:masters'] });
  assert.match(r.status!.message, /denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction$/);
});
