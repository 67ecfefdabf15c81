// `podguard rbac can SUBJECT VERB RESOURCE`: the question `kubectl auth can-i VERB RESOURCE --as SUBJECT`
// asks, answered from files. RESOURCE is written as for kubectl: TYPE[.GROUP][/NAME] (with
// --subresource) or a non-resource URL starting with "/". kubectl finds each type's group and
// scope through discovery; files have none, so the built-in types are listed here, and any other
// type must name its group (TYPE.GROUP) and counts as namespaced.

import { RbacAuthorizer, type Decision } from './authorizer';
import type { RequestAttributes } from './rule-matches';
import { impersonatedUser, type UserInfo } from './subjects';

interface TypeInfo {
  readonly group: string;
  readonly namespaced: boolean;
}

const c = (group: string): TypeInfo => ({ group, namespaced: false });
const n = (group: string): TypeInfo => ({ group, namespaced: true });

/** Built-in resource types: plural name → group and scope (as `kubectl api-resources` lists them). */
export const BUILTIN_TYPES: Readonly<Record<string, TypeInfo>> = {
  pods: n(''),
  services: n(''),
  secrets: n(''),
  configmaps: n(''),
  serviceaccounts: n(''),
  endpoints: n(''),
  events: n(''),
  persistentvolumeclaims: n(''),
  replicationcontrollers: n(''),
  podtemplates: n(''),
  limitranges: n(''),
  resourcequotas: n(''),
  bindings: n(''),
  namespaces: c(''),
  nodes: c(''),
  persistentvolumes: c(''),
  componentstatuses: c(''),
  // Impersonation is authorized on these (the impersonation filter), in group "" and authentication.k8s.io.
  users: c(''),
  groups: c(''),
  userextras: c('authentication.k8s.io'),
  uids: c('authentication.k8s.io'),
  deployments: n('apps'),
  replicasets: n('apps'),
  statefulsets: n('apps'),
  daemonsets: n('apps'),
  controllerrevisions: n('apps'),
  jobs: n('batch'),
  cronjobs: n('batch'),
  roles: n('rbac.authorization.k8s.io'),
  rolebindings: n('rbac.authorization.k8s.io'),
  clusterroles: c('rbac.authorization.k8s.io'),
  clusterrolebindings: c('rbac.authorization.k8s.io'),
  validatingwebhookconfigurations: c('admissionregistration.k8s.io'),
  mutatingwebhookconfigurations: c('admissionregistration.k8s.io'),
  validatingadmissionpolicies: c('admissionregistration.k8s.io'),
  validatingadmissionpolicybindings: c('admissionregistration.k8s.io'),
  mutatingadmissionpolicies: c('admissionregistration.k8s.io'),
  mutatingadmissionpolicybindings: c('admissionregistration.k8s.io'),
  certificatesigningrequests: c('certificates.k8s.io'),
  signers: c('certificates.k8s.io'),
  networkpolicies: n('networking.k8s.io'),
  ingresses: n('networking.k8s.io'),
  poddisruptionbudgets: n('policy'),
  horizontalpodautoscalers: n('autoscaling'),
  leases: n('coordination.k8s.io'),
  endpointslices: n('discovery.k8s.io'),
  storageclasses: c('storage.k8s.io'),
  csidrivers: c('storage.k8s.io'),
  volumeattachments: c('storage.k8s.io'),
  customresourcedefinitions: c('apiextensions.k8s.io'),
  apiservices: c('apiregistration.k8s.io'),
  priorityclasses: c('scheduling.k8s.io'),
  runtimeclasses: c('node.k8s.io'),
  tokenreviews: c('authentication.k8s.io'),
  subjectaccessreviews: c('authorization.k8s.io'),
  selfsubjectaccessreviews: c('authorization.k8s.io'),
  localsubjectaccessreviews: n('authorization.k8s.io'),
};

/** kubectl's short names for the built-in types. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  po: 'pods',
  svc: 'services',
  cm: 'configmaps',
  sa: 'serviceaccounts',
  ep: 'endpoints',
  ev: 'events',
  pvc: 'persistentvolumeclaims',
  rc: 'replicationcontrollers',
  limits: 'limitranges',
  quota: 'resourcequotas',
  ns: 'namespaces',
  no: 'nodes',
  pv: 'persistentvolumes',
  cs: 'componentstatuses',
  deploy: 'deployments',
  rs: 'replicasets',
  sts: 'statefulsets',
  ds: 'daemonsets',
  cj: 'cronjobs',
  netpol: 'networkpolicies',
  ing: 'ingresses',
  pdb: 'poddisruptionbudgets',
  hpa: 'horizontalpodautoscalers',
  sc: 'storageclasses',
  crd: 'customresourcedefinitions',
  crds: 'customresourcedefinitions',
  pc: 'priorityclasses',
  csr: 'certificatesigningrequests',
};

export interface CanQuestion {
  readonly subject: string;
  readonly groups: readonly string[];
  readonly verb: string;
  readonly resource: string;
  readonly subresource?: string;
  /** -n; kubectl's default is the context's namespace, "default" here. */
  readonly namespace?: string;
  /** -A: ask for all namespaces (namespace ""). */
  readonly allNamespaces?: boolean;
}

export class CanArgumentError extends Error {}

/**
 * The request kubectl would send for these arguments (staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go):
 * the type is lower-cased, `*` is resource "*" in group "", a type the server does not have is
 * asked for as given in the core group (kubectl warns), and the namespace is kept even for
 * cluster-scoped types (kubectl only warns: the answer is then about a request that cannot
 * happen). `warnings` are kubectl's.
 */
export function requestFor(q: CanQuestion): RequestAttributes & { warnings?: string[] } {
  if (q.resource.startsWith('/')) {
    if (q.subresource) throw new CanArgumentError('--subresource cannot be used with a non-resource URL');
    return { verb: q.verb, path: q.resource };
  }
  const slash = q.resource.indexOf('/');
  const typeText = (slash < 0 ? q.resource : q.resource.slice(0, slash)).toLowerCase();
  const name = slash < 0 ? '' : q.resource.slice(slash + 1);
  if (typeText === '')
    throw new CanArgumentError(`no resource type in ${JSON.stringify(q.resource)}: use TYPE[.GROUP][/NAME], e.g. pods, deployments.apps/web`);
  const warnings: string[] = [];
  const dot = typeText.indexOf('.');
  const typeName = dot < 0 ? typeText : typeText.slice(0, dot);
  const plural = SHORT_NAMES[typeName] ?? typeName;
  let group = '';
  let resource = plural;
  let namespaced = true;
  const builtin = Object.prototype.hasOwnProperty.call(BUILTIN_TYPES, plural) ? BUILTIN_TYPES[plural] : undefined;
  if (typeText === '*') resource = '*';
  else if (dot >= 0) {
    // TYPE.GROUP: a type of that group (a custom resource's, as discovery would find it).
    group = typeText.slice(dot + 1);
    if (builtin && builtin.group === group) namespaced = builtin.namespaced;
  } else if (builtin) {
    group = builtin.group;
    namespaced = builtin.namespaced;
  } else {
    resource = typeText;
    warnings.push(`the server doesn't have a resource type '${typeText}' (podguard reads no discovery: name the group as TYPE.GROUP for a custom resource)`);
  }
  const namespace = q.allNamespaces ? '' : (q.namespace ?? 'default');
  // PATCH /api/v1/namespaces/N is authorized in namespace N (requestinfo.go): asking so is no mistake.
  const namespaceItself = resource === 'namespaces' && name !== '' && name === namespace;
  if (!namespaced && !q.allNamespaces && !namespaceItself)
    warnings.push(group === '' ? `resource '${resource}' is not namespace scoped` : `resource '${resource}' is not namespace scoped in group '${group}'`);
  return { verb: q.verb, namespace, apiGroup: group, resource, subresource: q.subresource ?? '', name, ...(warnings.length ? { warnings } : {}) };
}

export interface CanAnswer {
  readonly user: UserInfo;
  readonly request: RequestAttributes;
  /** What kubectl would warn about the arguments. */
  readonly warnings: readonly string[];
  readonly decision: Decision;
}

export function can(authorizer: RbacAuthorizer, q: CanQuestion): CanAnswer {
  const user = impersonatedUser(q.subject, q.groups);
  const { warnings, ...request } = requestFor(q) as RequestAttributes & { warnings?: string[] };
  return { user, request, warnings: warnings ?? [], decision: authorizer.authorize(user, request) };
}
