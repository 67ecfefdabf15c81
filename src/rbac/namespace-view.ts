// The RBAC view of one namespace, for the audit: what it enforces, who can run pods in it, who can
// relabel it, and how many findings of each severity concern it (those granted in every namespace
// included; cluster-scoped findings belong to no namespace).

import { isExcepted } from '../exceptions/exception';
import { levelVersionString } from '../psa/namespace-policy';
import { SEVERITIES, type Severity } from '../policies/severity';
import type { RbacFinding } from './analyse';
import type { LoadedRbac } from './load';
import { describeSubject } from './model';

export interface RbacNamespaceView {
  readonly namespace: string;
  readonly enforce: string;
  readonly exempt: boolean;
  /** Subjects that can run pods here, sorted (`Group devs`, `ServiceAccount ci/deployer`). */
  readonly canRunPods: readonly string[];
  readonly canRelabel: readonly string[];
  /** Findings not excepted, by severity. */
  readonly findings: Readonly<Record<Severity, number>>;
}

const RUNS_PODS = /^rbac-create-pods-/;

export function rbacNamespaceViews(loaded: LoadedRbac, findings: readonly RbacFinding[]): RbacNamespaceView[] {
  return [...loaded.namespaces.values()].map((ns) => {
    const here = findings.filter((f) => !isExcepted(f) && (f.namespace === ns.name || f.scope === 'all-namespaces'));
    const subjects = (pick: (f: RbacFinding) => boolean) => [...new Set(here.filter(pick).map((f) => describeSubject(f.subject)))].sort();
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, here.filter((f) => f.severity === s).length])) as Record<Severity, number>;
    return {
      namespace: ns.name,
      enforce: levelVersionString(ns.enforce),
      exempt: ns.exempt,
      canRunPods: subjects((f) => RUNS_PODS.test(f.id)),
      canRelabel: subjects((f) => f.id === 'rbac-patch-namespace'),
      findings: counts,
    };
  });
}
