// Who a request comes from (user.Info: a name and groups) and which binding subjects apply to it.
// Upstream: pkg/registry/rbac/validation/rule.go (appliesToUser), and for the groups a user has
// when asked about with `--as`, the impersonation filter
// (staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation/impersonation.go) with
// serviceaccount.MakeUsername / MakeGroupNames / MatchesUsername
// (staging/src/k8s.io/apiserver/pkg/authentication/serviceaccount/util.go).

import type { Subject } from './model';

export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
}

export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
/** kube-apiserver allows this group everything before RBAC is asked (pkg/kubeapiserver/authorizer: the privileged-groups authorizer). */
export const MASTERS = 'system:masters';

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${namespace}`];
}

/** serviceaccount.SplitUsername: `system:serviceaccount:NS:NAME` with both parts non-empty and no further colon. */
export function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const parts = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { namespace: parts[0]!, name: parts[1]! };
}

/**
 * The user `kubectl --as NAME [--as-group G]...` makes the API server evaluate: a service account
 * username gets its two groups unless groups are given; a named user then gets
 * system:authenticated (unless system:authenticated or system:unauthenticated is among the
 * groups), system:anonymous gets system:unauthenticated.
 */
export function impersonatedUser(name: string, asGroups: readonly string[]): UserInfo {
  let groups = [...asGroups];
  const sa = splitServiceAccountUsername(name);
  if (sa && asGroups.length === 0) groups = serviceAccountGroups(sa.namespace);
  if (name !== ANONYMOUS) {
    if (!groups.includes(AUTHENTICATED) && !groups.includes(UNAUTHENTICATED)) groups.push(AUTHENTICATED);
  } else if (!groups.includes(UNAUTHENTICATED)) groups.push(UNAUTHENTICATED);
  return { name, groups };
}

/** appliesToUser: a ServiceAccount subject without namespace takes the binding's (none for a ClusterRoleBinding: never applies). */
export function appliesToUser(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace !== undefined && subject.namespace !== '' ? subject.namespace : bindingNamespace;
      if (ns === '') return false;
      return user.name === serviceAccountUsername(ns, subject.name);
    }
    default:
      return false;
  }
}

/** The index of the first subject that applies (appliesTo), or -1. */
export function appliesTo(user: UserInfo, subjects: readonly Subject[], bindingNamespace: string): number {
  for (let i = 0; i < subjects.length; i++) if (appliesToUser(user, subjects[i]!, bindingNamespace)) return i;
  return -1;
}
