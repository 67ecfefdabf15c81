// Counts every RBAC output ends with, computed once.

import { isExcepted } from '../../exceptions/exception';
import { atLeast, SEVERITIES, type Severity } from '../../policies/severity';
import type { RbacFinding } from '../analyse';
import type { LoadedRbac } from '../load';

export interface RbacSummary {
  readonly files: number;
  readonly objects: number;
  readonly roles: number;
  readonly clusterRoles: number;
  readonly bindings: number;
  readonly namespaces: number;
  readonly findings: number;
  readonly excepted: number;
  /** Findings not excepted at or above --fail-on: what makes the exit code 1. */
  readonly failing: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly errors: number;
}

export function summarise(loaded: LoadedRbac, findings: readonly RbacFinding[], failOn: Severity): RbacSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let excepted = 0;
  let failing = 0;
  for (const f of findings) {
    bySeverity[f.severity]++;
    if (isExcepted(f)) excepted++;
    else if (atLeast(f.severity, failOn)) failing++;
  }
  const o = loaded.objects;
  return {
    files: loaded.counts.files,
    objects: loaded.counts.objects,
    roles: o.roles.length,
    clusterRoles: o.clusterRoles.length,
    bindings: o.roleBindings.length + o.clusterRoleBindings.length,
    namespaces: loaded.namespaces.size,
    findings: findings.length,
    excepted,
    failing,
    bySeverity,
    errors: loaded.errors.length,
  };
}
