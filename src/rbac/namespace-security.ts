// What Pod Security Admission enforces in each namespace, as far as RBAC findings care: the
// enforced level (labels, else the PodSecurityConfiguration's defaults: src/psa/namespace-policy.ts
// policyToEvaluate) and whether the namespace is exempt (src/psa/exemptions.ts). Namespaces
// mentioned by roles, bindings or service accounts but absent from the inputs get the defaults,
// marked as such (their labels are unknown).

import { isExemptNamespace, type Exemptions } from '../psa/exemptions';
import { levelVersionString, policyToEvaluate, type LevelVersion } from '../psa/namespace-policy';
import type { PodSecurityConfig } from '../psa/pod-security-configuration';
import type { RbacObjects, Where } from './model';

export interface NamespaceSecurity {
  readonly name: string;
  readonly enforce: LevelVersion;
  /** The PodSecurityConfiguration exempts the namespace: nothing is checked there. */
  readonly exempt: boolean;
  /** Where the Namespace object was read; absent when only mentioned. */
  readonly source?: Where;
  /** Label problems (a bad level falls back to restricted, as upstream does). */
  readonly labelErrors: readonly string[];
}

export function describeEnforcement(ns: NamespaceSecurity): string {
  if (ns.exempt) return 'is exempt from Pod Security Admission';
  return `enforces ${levelVersionString(ns.enforce)}${ns.source ? '' : ' (namespace not in the inputs: the PodSecurityConfiguration default)'}`;
}

export function namespaceSecurity(objects: RbacObjects, config: PodSecurityConfig): Map<string, NamespaceSecurity> {
  const out = new Map<string, NamespaceSecurity>();
  const exemptions: Exemptions = config.exemptions;
  for (const ns of objects.namespaces) {
    const { policy, errors } = policyToEvaluate(ns.labels, config.defaults);
    out.set(ns.name, {
      name: ns.name,
      enforce: policy.enforce,
      exempt: isExemptNamespace(exemptions, ns.name),
      source: ns.source,
      labelErrors: errors.map((e) => `${e.field}: ${e.detail}`),
    });
  }
  const mentioned = [
    ...objects.roles.map((r) => r.namespace!),
    ...objects.roleBindings.map((b) => b.namespace!),
    ...objects.serviceAccounts.map((s) => s.namespace),
    ...[...objects.roleBindings, ...objects.clusterRoleBindings].flatMap((b) =>
      b.subjects.filter((s) => s.kind === 'ServiceAccount' && s.namespace).map((s) => s.namespace!),
    ),
  ];
  for (const name of mentioned) {
    if (!out.has(name)) out.set(name, { name, enforce: config.defaults.enforce, exempt: isExemptNamespace(exemptions, name), labelErrors: [] });
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
