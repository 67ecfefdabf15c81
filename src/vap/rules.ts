// Whether an admission request matches a rule of a policy's matchConstraints or a binding's
// matchResources, as the API server decides it: k8s.io/apiserver/pkg/admission/plugin/webhook/
// predicates/rules/rules.go (operations, groups, versions, resources with subresources, scope)
// and .../policy/matching/matching.go (resourceNames, excludeResourceRules, matchPolicy).

export interface RequestAttributes {
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly subresource: string;
  /** '' for a cluster-scoped object; for a Namespace, its own name (as the API server sets it). */
  readonly namespace: string;
  readonly name: string;
}

export interface NamedRule {
  readonly operations?: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly apiVersions?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly scope?: string;
}

function matchesAll(list: readonly string[] | undefined, value: string): boolean {
  return (list ?? []).some((v) => v === '*' || v === value);
}

// rules.go resource(): each entry splits at "/" into resource and subresource ("" when none), and
// "*" on either side matches anything there: "*" is every resource without subresource, "pods/*"
// pods and all its subresources, "*/scale" the scale subresource of everything.
function resourceMatches(list: readonly string[] | undefined, resource: string, subresource: string): boolean {
  for (const entry of list ?? []) {
    const slash = entry.indexOf('/');
    const res = slash < 0 ? entry : entry.slice(0, slash);
    const sub = slash < 0 ? '' : entry.slice(slash + 1);
    if ((res === '*' || res === resource) && (sub === '*' || sub === subresource)) return true;
  }
  return false;
}

/** rules.go scope(): namespace objects are cluster-scoped. */
function scopeMatches(scope: string | undefined, a: RequestAttributes): boolean {
  if (scope === undefined || scope === '*') return true;
  const isNamespaceObject = a.group === '' && a.resource === 'namespaces';
  if (scope === 'Namespaced') return !isNamespaceObject && a.namespace !== '';
  if (scope === 'Cluster') return isNamespaceObject || a.namespace === '';
  return false;
}

export function ruleMatches(rule: NamedRule, a: RequestAttributes): boolean {
  if (!matchesAll(rule.operations, a.operation)) return false;
  if (!matchesAll(rule.apiGroups, a.group)) return false;
  if (!matchesAll(rule.apiVersions, a.version)) return false;
  if (!resourceMatches(rule.resources, a.resource, a.subresource)) return false;
  if (!scopeMatches(rule.scope, a)) return false;
  // matching.go matchesResourceRules: an empty resourceNames matches every name.
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(a.name);
}

/**
 * matchPolicy Equivalent (the default) also matches a rule naming the same resource in another
 * version of its group: offline the object is judged as written, which is what the API server
 * converts it to for such a rule. Exact needs the object's own group and version.
 */
export function rulesMatch(rules: readonly NamedRule[] | undefined, matchPolicy: string | undefined, a: RequestAttributes): boolean {
  for (const rule of rules ?? []) {
    if (ruleMatches(rule, a)) return true;
    if (matchPolicy !== 'Exact' && ruleMatches({ ...rule, apiVersions: ['*'] }, a)) return true;
  }
  return false;
}
