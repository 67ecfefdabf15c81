// What the agent may do, as objects: a ClusterRole to get and patch nodes (RBAC cannot name "the
// node this pod runs on"), and a ValidatingAdmissionPolicy that narrows every change the agent
// makes to its own node and to podguard's profile labels. The node comes from the agent's bound
// service account token: since Kubernetes 1.30 a token bound to a pod carries the pod's node as
// the extra `authentication.kubernetes.io/node-name` (KEP-4193, pkg/serviceaccount/claims.go;
// beta and on by default in 1.30, GA in 1.32). Without that extra the change is denied.

import { LABEL_PREFIX } from '../labels';

export interface AgentIdentity {
  readonly namespace: string;
  readonly serviceAccount: string;
}

export const NODE_NAME_EXTRA = 'authentication.kubernetes.io/node-name';

export function agentRbac(id: AgentIdentity): object[] {
  const name = id.serviceAccount;
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: id.namespace } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name },
      // get and patch only: no list or watch of other nodes, no create or delete.
      rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: id.namespace }],
    },
  ];
}

/** The policy and its binding. CEL written as text; the API server compiles and runs it. */
export function agentAdmissionPolicy(id: AgentIdentity): object[] {
  const name = `${id.serviceAccount}-own-node-labels`;
  const user = `system:serviceaccount:${id.namespace}:${id.serviceAccount}`;
  const prefix = LABEL_PREFIX;
  return [
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['UPDATE', 'DELETE', 'CREATE'], resources: ['nodes'] }],
        },
        matchConditions: [{ name: 'is-profiles-agent', expression: `request.userInfo.username == '${user}'` }],
        variables: [
          { name: 'nodeName', expression: `'${NODE_NAME_EXTRA}' in request.userInfo.extra ? request.userInfo.extra['${NODE_NAME_EXTRA}'][0] : ''` },
          { name: 'newLabels', expression: `object != null && has(object.metadata.labels) ? object.metadata.labels : {}` },
          { name: 'oldLabels', expression: `oldObject != null && has(oldObject.metadata.labels) ? oldObject.metadata.labels : {}` },
        ],
        validations: [
          // RBAC already grants only get and patch of nodes (not nodes/status); this says so again.
          {
            expression: `request.operation == 'UPDATE'`,
            message: 'the profiles agent may only update nodes, never create or delete them',
            reason: 'Forbidden',
          },
          {
            expression: `variables.nodeName != '' && object.metadata.name == variables.nodeName`,
            message: "the profiles agent may change only the node its own pod runs on (its token's node-name)",
            reason: 'Forbidden',
          },
          {
            expression: `variables.newLabels.all(k, k.startsWith('${prefix}') || (k in variables.oldLabels && variables.oldLabels[k] == variables.newLabels[k])) && variables.oldLabels.all(k, k.startsWith('${prefix}') || k in variables.newLabels)`,
            message: `the profiles agent may change only ${prefix}* labels`,
            reason: 'Forbidden',
          },
          {
            expression: `object.spec == oldObject.spec && (has(object.metadata.annotations) ? object.metadata.annotations : {}) == (has(oldObject.metadata.annotations) ? oldObject.metadata.annotations : {})`,
            message: `the profiles agent may change only ${prefix}* labels`,
            reason: 'Forbidden',
          },
        ],
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name },
      spec: { policyName: name, validationActions: ['Deny'] },
    },
  ];
}
