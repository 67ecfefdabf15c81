// The RBAC objects podguard reasons about, as the API server stores them (rbac.authorization.k8s.io/v1
// types: staging/src/k8s.io/api/rbac/v1/types.go), each with the file and line it was read from.
// Lists are kept exactly as written: the authorizer compares strings, so nothing is normalised.

export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

export interface Subject {
  /** `User`, `Group` or `ServiceAccount`; anything else never applies (appliesToUser's default). */
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface RoleRef {
  readonly kind: string;
  readonly name: string;
}

/** Where an object was written. */
export interface Where {
  readonly file: string;
  readonly line: number;
}

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: LabelSelectorOperator;
  readonly values: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly LabelSelectorRequirement[];
}

export interface RbacRole {
  readonly kind: 'Role' | 'ClusterRole';
  /** Set for Roles only. */
  readonly namespace?: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly rules: readonly PolicyRule[];
  /** ClusterRoles only: present (even with no selectors) when the object has a non-null aggregationRule. */
  readonly aggregationRule?: { readonly clusterRoleSelectors: readonly LabelSelector[] };
  readonly source: Where;
}

export interface RbacBinding {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  /** Set for RoleBindings only. */
  readonly namespace?: string;
  readonly name: string;
  readonly roleRef: RoleRef;
  readonly subjects: readonly Subject[];
  readonly source: Where;
}

export interface NamespaceObject {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly source: Where;
}

export interface ServiceAccountObject {
  readonly namespace: string;
  readonly name: string;
  readonly source: Where;
}

/** Everything read from the inputs. */
export interface RbacObjects {
  readonly roles: readonly RbacRole[];
  readonly clusterRoles: readonly RbacRole[];
  readonly roleBindings: readonly RbacBinding[];
  readonly clusterRoleBindings: readonly RbacBinding[];
  readonly namespaces: readonly NamespaceObject[];
  readonly serviceAccounts: readonly ServiceAccountObject[];
}

/** `Kind "name"` or `Kind "namespace/name"`, for messages. */
export function describeBinding(b: Pick<RbacBinding, 'kind' | 'namespace' | 'name'>): string {
  return b.namespace === undefined ? `${b.kind} ${b.name}` : `${b.kind} ${b.namespace}/${b.name}`;
}

export function describeSubject(s: Subject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace ?? '?'}/${s.name}` : `${s.kind} ${s.name}`;
}
