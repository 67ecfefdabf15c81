// The audit as wgpolicyk8s.io/v1alpha2 PolicyReport and ClusterPolicyReport objects: the format
// of the Kubernetes Policy working group that Policy Reporter, Kyverno and other tools read.
// Field names and enumerations follow the working group's API types (PolicyReportResult: source,
// policy, rule, category, severity critical|high|medium|low|info, result pass|fail|warn|error|skip,
// scored, resources, message, properties, timestamp {seconds, nanos}; summary pass/fail/warn/error/skip).
//
// One PolicyReport per namespace, named `podguard`, with a result per workload and level:
// - a Pod Security Standards check a workload violates is `fail` when the namespace enforces that
//   check's level (the workload's pods are rejected when recreated) and `warn` when it only blocks
//   a stricter level than the one enforced (not scored);
// - a level a workload meets is one `pass` result; exempt workloads are `skip`;
// - hardening policy findings are `fail`, or `skip` when an exception covers them (as Kyverno
//   reports a PolicyException).
// One ClusterPolicyReport, `podguard-namespaces`, judges each namespace's enforced level.

import yaml from 'js-yaml';
import type { AuditError, AuditReporter, AuditSummary, AuditTarget, AuditViolation, NamespaceAudit, WorkloadAudit } from '../model';
import { WHAT_IF_LEVELS } from '../model';
import { compareLevels, type Level } from '../../pss/levels';
import { Output } from '../../report/output';

export const POLICY_REPORT_API_VERSION = 'wgpolicyk8s.io/v1alpha2';
export const NAMESPACE_REPORT_NAME = 'podguard';
export const CLUSTER_REPORT_NAME = 'podguard-namespaces';
export const SOURCE = 'podguard';
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'podguard' };

export type PolicyResultValue = 'pass' | 'fail' | 'warn' | 'error' | 'skip';

export interface PolicyReportResult {
  source: string;
  policy: string;
  rule?: string;
  category?: string;
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info';
  result: PolicyResultValue;
  scored: boolean;
  message: string;
  resources?: { apiVersion: string; kind: string; name: string; namespace?: string; uid?: string }[];
  properties?: Record<string, string>;
  timestamp: { seconds: number; nanos: number };
}

export interface PolicyReportObject {
  apiVersion: typeof POLICY_REPORT_API_VERSION;
  kind: 'PolicyReport' | 'ClusterPolicyReport';
  metadata: { name: string; namespace?: string; labels: Record<string, string> };
  summary: Record<PolicyResultValue, number>;
  results: PolicyReportResult[];
}

const CATEGORY = { baseline: 'Pod Security Standards (Baseline)', restricted: 'Pod Security Standards (Restricted)' } as const;

/** The policy name of a Pod Security Standards level. */
export const pssPolicy = (level: 'baseline' | 'restricted') => `pod-security-${level}`;

function summaryOf(results: readonly PolicyReportResult[]): Record<PolicyResultValue, number> {
  const s = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const r of results) s[r.result]++;
  return s;
}

function timestamp(now: Date): { seconds: number; nanos: number } {
  return { seconds: Math.floor(now.getTime() / 1000), nanos: 0 };
}

function resourceOf(ns: NamespaceAudit, w: WorkloadAudit) {
  return { apiVersion: w.object.apiVersion, kind: w.object.kind, name: w.object.name, namespace: ns.name, ...(w.object.uid ? { uid: w.object.uid } : {}) };
}

function message(v: AuditViolation): string {
  return v.detail ? `${v.reason} (${v.detail})` : v.reason;
}

function workloadResults(ns: NamespaceAudit, w: WorkloadAudit, ts: { seconds: number; nanos: number }): PolicyReportResult[] {
  const out: PolicyReportResult[] = [];
  const resources = [resourceOf(ns, w)];
  const enforced = ns.policy.enforce;
  const common = { source: SOURCE, resources, timestamp: ts };
  const version = ns.evaluatedVersion;
  for (const level of WHAT_IF_LEVELS) {
    const verdict = w.levels[level];
    if (w.exempt) {
      out.push({
        ...common,
        policy: pssPolicy(level),
        category: CATEGORY[level],
        result: 'skip',
        scored: false,
        message: 'exempt from Pod Security Admission by its runtime class',
        properties: { version },
      });
      continue;
    }
    if (verdict.allowed) {
      out.push({
        ...common,
        policy: pssPolicy(level),
        category: CATEGORY[level],
        result: 'pass',
        scored: true,
        message: `meets the ${level} level at ${version}`,
        properties: { version },
      });
      continue;
    }
    for (const v of verdict.violations) {
      // A check is reported under its own level's policy, once: restricted's list repeats baseline's checks.
      const checkLevel = v.level === 'restricted' ? 'restricted' : 'baseline';
      if (checkLevel !== level) continue;
      const enforcedHere = compareLevels(enforced.level, checkLevel) >= 0 && !ns.exempt;
      out.push({
        ...common,
        policy: pssPolicy(checkLevel),
        rule: v.check,
        category: CATEGORY[checkLevel],
        severity: v.severity,
        result: enforcedHere ? 'fail' : 'warn',
        scored: enforcedHere,
        message: message(v),
        properties: {
          version,
          enforced: `${enforced.level}:${enforced.version}`,
          object: `${v.object.kind}/${v.object.name}`,
          objects: String(v.objects),
          ...(v.fields.length ? { fields: v.fields.join(', ') } : {}),
        },
      });
    }
  }
  for (const v of w.policies) {
    const excepted = v.exception?.status === 'applied';
    out.push({
      ...common,
      policy: v.check,
      rule: v.check,
      category: 'podguard hardening',
      severity: v.severity,
      result: excepted ? 'skip' : 'fail',
      scored: !excepted,
      message: message(v),
      properties: {
        object: `${v.object.kind}/${v.object.name}`,
        objects: String(v.objects),
        ...(v.fields.length ? { fields: v.fields.join(', ') } : {}),
        ...(v.exception ? { exception: v.exception.id, exceptionStatus: v.exception.status, justification: v.exception.justification } : {}),
      },
    });
  }
  return out;
}

export function namespacePolicyReport(ns: NamespaceAudit, now: Date): PolicyReportObject {
  const ts = timestamp(now);
  const results = ns.workloads.flatMap((w) => workloadResults(ns, w, ts));
  for (const e of ns.errors) {
    results.push({
      source: SOURCE,
      policy: 'podguard-audit',
      result: 'error',
      scored: false,
      message: e.message,
      timestamp: ts,
      ...(e.resource ? { properties: { resource: e.resource } } : {}),
    });
  }
  return {
    apiVersion: POLICY_REPORT_API_VERSION,
    kind: 'PolicyReport',
    metadata: { name: NAMESPACE_REPORT_NAME, namespace: ns.name, labels: { ...MANAGED_BY } },
    summary: summaryOf(results),
    results,
  };
}

/** What the cluster report needs of a namespace (kept for every namespace until the end: small). */
export interface NamespaceVerdict {
  readonly name: string;
  readonly enforced: string;
  readonly enforcedLevel: Level;
  readonly meets: Level;
  readonly exempt: boolean;
  readonly workloads: number;
  readonly failingEnforce: number;
  readonly errors: readonly string[];
}

export function namespaceVerdict(ns: NamespaceAudit): NamespaceVerdict {
  return {
    name: ns.name,
    enforced: `${ns.policy.enforce.level}:${ns.policy.enforce.version}`,
    enforcedLevel: ns.policy.enforce.level,
    meets: ns.meets,
    exempt: ns.exempt,
    workloads: ns.counts.workloads,
    failingEnforce: ns.counts.failing.enforce,
    errors: ns.errors.map((e) => e.message),
  };
}

/** Each namespace's enforced level: fail when workloads violate it, warn when a stricter level is met already, pass otherwise. */
export function clusterPolicyReport(namespaces: readonly NamespaceVerdict[], now: Date): PolicyReportObject {
  const ts = timestamp(now);
  const results: PolicyReportResult[] = namespaces.map((n) => {
    const base = {
      source: SOURCE,
      policy: 'pod-security-namespace-level',
      rule: 'enforce-level',
      category: 'Pod Security Admission',
      resources: [{ apiVersion: 'v1', kind: 'Namespace', name: n.name }],
      timestamp: ts,
    };
    const properties = { enforced: n.enforced, meets: n.meets, workloads: String(n.workloads) };
    if (n.errors.length) return { ...base, result: 'error' as const, scored: false, message: `not fully read: ${n.errors[0]}`, properties };
    if (n.exempt) return { ...base, result: 'skip' as const, scored: false, message: 'exempt from Pod Security Admission', properties };
    if (n.failingEnforce > 0) {
      return {
        ...base,
        severity: 'high' as const,
        result: 'fail' as const,
        scored: true,
        message: `${n.failingEnforce} of ${n.workloads} workloads violate the enforced level ${n.enforced}`,
        properties,
      };
    }
    if (compareLevels(n.meets, n.enforcedLevel) > 0) {
      return {
        ...base,
        severity: 'medium' as const,
        result: 'warn' as const,
        scored: false,
        message: `enforces ${n.enforced} but every workload already meets ${n.meets}`,
        properties,
      };
    }
    return { ...base, result: 'pass' as const, scored: true, message: `enforces ${n.enforced}, the strictest level its workloads meet`, properties };
  });
  return {
    apiVersion: POLICY_REPORT_API_VERSION,
    kind: 'ClusterPolicyReport',
    metadata: { name: CLUSTER_REPORT_NAME, labels: { ...MANAGED_BY } },
    summary: summaryOf(results),
    results,
  };
}

/**
 * `podguard audit --format policyreport`: a YAML stream, one PolicyReport per namespace as it is
 * audited, then the ClusterPolicyReport; `kubectl apply -f -` takes it as is.
 */
export class PolicyReportAuditReporter implements AuditReporter {
  private readonly verdicts: NamespaceVerdict[] = [];
  constructor(
    private readonly out = new Output(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  begin(_target: AuditTarget): void {}

  namespace(ns: NamespaceAudit): void {
    this.verdicts.push(namespaceVerdict(ns));
    this.out.write(`---\n${yaml.dump(namespacePolicyReport(ns, this.now()), { noRefs: true, lineWidth: -1 })}`);
  }

  end(_summary: AuditSummary, _errors: readonly AuditError[]): Promise<void> {
    this.out.write(`---\n${yaml.dump(clusterPolicyReport(this.verdicts, this.now()), { noRefs: true, lineWidth: -1 })}`);
    return this.out.close();
  }
}
