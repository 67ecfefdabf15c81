// Severities, most to least severe, and the severity of each Pod Security Standards check (the
// standard itself has none; these rank how directly each control protects the node). One table,
// so the PSS check modules stay exactly upstream's.

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** 0 for critical … 3 for low: smaller is riskier (sort ascending to put the riskiest first). */
export function severityRank(s: Severity): number {
  return s === 'critical' ? 0 : s === 'high' ? 1 : s === 'medium' ? 2 : 3;
}

/** True when `s` is at least as severe as `threshold`. */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) <= severityRank(threshold);
}

/** Weights for ranking workloads by risk in summaries: one critical outweighs any number of lows in practice. */
export const RISK_WEIGHT: Readonly<Record<Severity, number>> = { critical: 1000, high: 100, medium: 10, low: 1 };

/** The severity of each of the 19 Pod Security Standards checks (a meta-test keeps this complete). */
export const PSS_SEVERITY: Readonly<Record<string, Severity>> = {
  privileged: 'critical',
  windowsHostProcess: 'critical',
  hostNamespaces: 'high',
  hostPathVolumes: 'high',
  capabilities_baseline: 'high',
  procMount: 'high',
  procMount_restricted: 'high',
  seLinuxOptions: 'high',
  runAsUser: 'high',
  hostPorts: 'medium',
  sysctls: 'medium',
  appArmorProfile: 'medium',
  seccompProfile_baseline: 'medium',
  hostProbesAndHostLifecycle: 'medium',
  allowPrivilegeEscalation: 'medium',
  capabilities_restricted: 'medium',
  restrictedVolumes: 'medium',
  runAsNonRoot: 'medium',
  seccompProfile_restricted: 'medium',
};
