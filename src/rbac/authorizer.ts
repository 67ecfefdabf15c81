// The RBAC authorizer over a set of objects read from files: for a user and a request, allowed or
// not, and every binding (with the role and rule) that allows it. The order of evaluation is
// upstream's: ClusterRoleBindings, then the RoleBindings of the request's namespace (none for a
// cluster-scoped request); a binding's role is looked up in the binding's namespace (Role) or
// among ClusterRoles, whose rules are those after aggregation.
// Upstream: plugin/pkg/auth/authorizer/rbac/rbac.go (Authorize), pkg/registry/rbac/validation/rule.go
// (VisitRulesFor, GetRoleReferenceRules). kube-apiserver asks the privileged-groups authorizer
// first, which allows system:masters everything (pkg/kubeapiserver/authorizer/reload.go); `can` does too.

import { aggregateClusterRoles } from './aggregate';
import type { PolicyRule, RbacBinding, RbacObjects, RbacRole } from './model';
import { ruleAllows, type RequestAttributes, isResourceRequest } from './rule-matches';
import { appliesTo, MASTERS, type UserInfo } from './subjects';

/** One binding that allows a request. */
export interface Grant {
  readonly binding: RbacBinding;
  /** The subject of the binding that matched the user. */
  readonly subjectIndex: number;
  readonly role: RbacRole;
  /** Index of the allowing rule in the role's rules (after aggregation, for aggregated ClusterRoles). */
  readonly ruleIndex: number;
  readonly rule: PolicyRule;
}

export interface Decision {
  readonly allowed: boolean;
  /** Upstream's wording: `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`, or why not. */
  readonly reason: string;
  /** Every binding that allows the request, in evaluation order (the first is the one upstream names). */
  readonly grants: readonly Grant[];
  /** Bindings that apply to the user but whose role does not exist (upstream counts them as errors). */
  readonly missingRoles: readonly string[];
}

/** describeSubject in rule.go. */
function upstreamSubject(b: RbacBinding, i: number): string {
  const s = b.subjects[i]!;
  if (s.kind === 'ServiceAccount')
    return `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace !== undefined && s.namespace !== '' ? s.namespace : (b.namespace ?? '')}`)}`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

export function upstreamBindingDescription(b: RbacBinding, subjectIndex: number): string {
  const name = b.kind === 'RoleBinding' ? `${b.name}/${b.namespace}` : b.name;
  return `${b.kind} ${JSON.stringify(name)} of ${b.roleRef.kind} ${JSON.stringify(b.roleRef.name)} to ${upstreamSubject(b, subjectIndex)}`;
}

export class RbacAuthorizer {
  private readonly clusterRoles = new Map<string, RbacRole>();
  private readonly roles = new Map<string, RbacRole>();
  private readonly roleBindings = new Map<string, RbacBinding[]>();
  readonly clusterRoleBindings: readonly RbacBinding[];
  /** ClusterRole rules after aggregation. */
  readonly clusterRoleRules: ReadonlyMap<string, readonly PolicyRule[]>;

  constructor(readonly objects: RbacObjects) {
    for (const r of objects.clusterRoles) this.clusterRoles.set(r.name, r);
    for (const r of objects.roles) this.roles.set(`${r.namespace}/${r.name}`, r);
    for (const b of objects.roleBindings) {
      const list = this.roleBindings.get(b.namespace!) ?? [];
      list.push(b);
      this.roleBindings.set(b.namespace!, list);
    }
    this.clusterRoleBindings = objects.clusterRoleBindings;
    this.clusterRoleRules = aggregateClusterRoles(objects.clusterRoles);
  }

  /** RoleBindings of one namespace. */
  roleBindingsIn(namespace: string): readonly RbacBinding[] {
    return this.roleBindings.get(namespace) ?? [];
  }

  /** GetRoleReferenceRules: the role a binding refers to and its rules, or undefined when it does not exist (or the kind is unsupported). */
  roleOf(b: RbacBinding): { role: RbacRole; rules: readonly PolicyRule[] } | undefined {
    if (b.roleRef.kind === 'Role') {
      // A ClusterRoleBinding looks the Role up in namespace "": there is none.
      const role = b.namespace === undefined ? undefined : this.roles.get(`${b.namespace}/${b.roleRef.name}`);
      return role && { role, rules: role.rules };
    }
    if (b.roleRef.kind === 'ClusterRole') {
      const role = this.clusterRoles.get(b.roleRef.name);
      return role && { role, rules: this.clusterRoleRules.get(role.name)! };
    }
    return undefined;
  }

  /** The bindings consulted for a request in `namespace` ("" for cluster-scoped requests and non-resource URLs). */
  bindingsFor(namespace: string): RbacBinding[] {
    return namespace === '' ? [...this.clusterRoleBindings] : [...this.clusterRoleBindings, ...this.roleBindingsIn(namespace)];
  }

  authorize(user: UserInfo, a: RequestAttributes): Decision {
    if (user.groups.includes(MASTERS)) {
      return { allowed: true, reason: `member of ${MASTERS}: kube-apiserver allows it before RBAC is asked`, grants: [], missingRoles: [] };
    }
    const namespace = isResourceRequest(a) ? a.namespace : '';
    const grants: Grant[] = [];
    const missingRoles: string[] = [];
    for (const b of this.bindingsFor(namespace)) {
      const subjectIndex = appliesTo(user, b.subjects, b.namespace ?? '');
      if (subjectIndex < 0) continue;
      const resolved = this.roleOf(b);
      if (!resolved) {
        missingRoles.push(
          `${b.kind} ${b.namespace !== undefined ? `${b.namespace}/` : ''}${b.name}: ${b.roleRef.kind} ${JSON.stringify(b.roleRef.name)} not found`,
        );
        continue;
      }
      const ruleIndex = resolved.rules.findIndex((r) => ruleAllows(a, r));
      if (ruleIndex >= 0) grants.push({ binding: b, subjectIndex, role: resolved.role, ruleIndex, rule: resolved.rules[ruleIndex]! });
    }
    const first = grants[0];
    const reason = first
      ? `RBAC: allowed by ${upstreamBindingDescription(first.binding, first.subjectIndex)}`
      : missingRoles.length > 0
        ? `RBAC: ${missingRoles.join(', ')}`
        : '';
    return { allowed: grants.length > 0, reason, grants, missingRoles };
  }
}
