// Audits the objects of one namespace: folds them into workloads, evaluates every workload at the
// namespace's own Pod Security Admission policy (enforce, audit, warn) and at baseline and
// restricted at the version in force (the what-if), finds the strictest level every workload
// meets, and collects hardening policy findings. Pure: no I/O, so cluster and offline input share it.

import { isExemptNamespace, isExemptRuntimeClass, NO_EXEMPTIONS, type Exemptions } from '../psa/exemptions';
import { fieldErrorString } from '../psa/field-error';
import { policyToEvaluate, type NamespacePolicy as PsaPolicy } from '../psa/namespace-policy';
import { DEFAULT_POD_SECURITY_CONFIG } from '../psa/pod-security-configuration';
import { evaluateObject, type EvaluationSettings, type Finding } from '../engine/evaluate';
import { podViewOf } from '../engine/pod-views';
import type { KubeObject } from '../k8s/types';
import { RISK_WEIGHT, severityRank } from '../policies/severity';
import type { Profile } from '../pss/evaluate';
import { compareLevels, type Level } from '../pss/levels';
import { effectiveMinor, parseVersion, type PolicyVersion } from '../pss/version';
import {
  MODES,
  WHAT_IF_LEVELS,
  type AuditError,
  type AuditViolation,
  type LevelVerdict,
  type Mode,
  type NamespaceAudit,
  type NamespacePolicy,
  type WhatIfLevel,
  type WorkloadAudit,
  type WorkloadRef,
} from './model';
import { LISTED_KINDS } from './kinds';
import { OwnerIndex, workloadKey } from './owners';

const PSA_LABEL_PREFIX = 'pod-security.kubernetes.io/';

function psaLabels(labels: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) if (k.startsWith(PSA_LABEL_PREFIX) && typeof v === 'string') out[k] = v;
  return out;
}

/** The objects read for one namespace. */
export interface NamespaceBatch {
  readonly name: string;
  /** The Namespace object, when it could be read (its labels hold the policy). */
  readonly namespace?: KubeObject;
  /** Its pod-bearing objects. */
  readonly objects: readonly KubeObject[];
  readonly errors: readonly AuditError[];
}

export interface AuditOptions {
  /** PodSecurityConfiguration defaults for labels a namespace does not set. */
  readonly defaults?: PsaPolicy;
  /** PodSecurityConfiguration exemptions (usernames cannot apply to objects that already exist). */
  readonly exemptions?: Exemptions;
  /**
   * The API server's minor version: Pod Security Admission evaluates `latest`, and any version
   * newer than itself, as its own version. Unknown (offline input) means the newest podguard knows.
   */
  readonly serverMinor?: number;
  /** podguard's own settings for a namespace (hardening policies, severities, exceptions), if configured. */
  readonly settingsFor?: (namespace: string) => EvaluationSettings;
}

/** The version a policy version label is evaluated at on a cluster of `serverMinor`. */
export function evaluatedVersion(text: string, serverMinor: number | undefined): PolicyVersion {
  const v = parseVersion(text) ?? 'latest';
  if (serverMinor === undefined) return v;
  return v === 'latest' || v > serverMinor ? serverMinor : v;
}

const profileKey = (p: Profile) => `${p.level}:${effectiveMinor(p.version)}`;

type MutableViolation = { -readonly [K in keyof AuditViolation]: AuditViolation[K] };

function violationKey(f: Finding): string {
  return `${f.check}\u0000${f.reason}\u0000${f.detail}`;
}

function objectLabel(obj: KubeObject): { kind: string; name: string } {
  const name = obj.metadata?.name ?? obj.metadata?.['generateName'];
  return { kind: String(obj.kind ?? ''), name: typeof name === 'string' ? name : '(unnamed)' };
}

/** Merges one object's findings into a workload's distinct violations. */
function merge(into: Map<string, MutableViolation>, findings: readonly Finding[], obj: KubeObject): void {
  for (const f of findings) {
    const key = violationKey(f);
    const seen = into.get(key);
    if (seen) {
      seen.objects++;
      continue;
    }
    const v: MutableViolation = {
      check: f.check,
      standard: f.standard,
      severity: f.severity,
      reason: f.reason,
      detail: f.detail,
      object: objectLabel(obj),
      fields: f.fields,
      objects: 1,
    };
    if (f.level !== undefined) v.level = f.level;
    if (f.exception !== undefined) v.exception = f.exception;
    into.set(key, v);
  }
}

class WorkloadAccumulator {
  pods = 0;
  /** Objects evaluated. */
  evaluated = 0;
  /** Objects skipped because their runtime class is exempt. */
  exemptObjects = 0;
  /** Distinct violations by profile key (`baseline:32`). */
  readonly byProfile = new Map<string, Map<string, MutableViolation>>();
  readonly policies = new Map<string, MutableViolation>();
  constructor(
    readonly ref: WorkloadRef,
    readonly ownerNotListed: boolean,
  ) {}

  at(key: string): Map<string, MutableViolation> {
    let m = this.byProfile.get(key);
    if (!m) this.byProfile.set(key, (m = new Map()));
    return m;
  }

  violations(key: string): AuditViolation[] {
    return [...(this.byProfile.get(key)?.values() ?? [])];
  }
}

const KIND_RANK = new Map(LISTED_KINDS.map((k, i) => [k.kind, i]));

/**
 * Controllers before what they create, then by name: the report must not depend on the order the
 * objects arrived in (the API lists kind by kind, kubectl prints pods first), and a violation is
 * best shown on the template that causes it.
 */
function inCanonicalOrder(objects: readonly KubeObject[]): KubeObject[] {
  const rank = (o: KubeObject) => KIND_RANK.get(String(o.kind)) ?? KIND_RANK.size;
  const name = (o: KubeObject) => String(o.metadata?.name ?? '');
  return [...objects].sort((a, b) => rank(a) - rank(b) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

/** How risky a workload is, for ordering: severity-weighted distinct findings that no exception covers. */
export function riskScore(w: WorkloadAudit): number {
  const seen = new Set<string>();
  let score = 0;
  const add = (v: AuditViolation) => {
    if (seen.has(v.check) || v.exception?.status === 'applied') return;
    seen.add(v.check);
    score += RISK_WEIGHT[v.severity];
  };
  for (const level of WHAT_IF_LEVELS) w.levels[level].violations.forEach(add);
  w.policies.forEach(add);
  return score;
}

/** Riskiest first: failing what is enforced, then the weakest level met, then the risk score, then by name. */
function sortByRisk(workloads: WorkloadAudit[]): void {
  const score = new Map(workloads.map((w) => [w, riskScore(w)]));
  workloads.sort(
    (a, b) =>
      Number(a.modes.enforce) - Number(b.modes.enforce) ||
      compareLevels(a.meets, b.meets) ||
      score.get(b)! - score.get(a)! ||
      (a.object.kind < b.object.kind ? -1 : a.object.kind > b.object.kind ? 1 : 0) ||
      (a.object.name < b.object.name ? -1 : a.object.name > b.object.name ? 1 : 0),
  );
}

function bySeverity(a: AuditViolation, b: AuditViolation): number {
  return severityRank(a.severity) - severityRank(b.severity);
}

export function auditNamespace(batch: NamespaceBatch, options: AuditOptions = {}): NamespaceAudit {
  const labels = batch.namespace?.metadata?.labels;
  const parsed = policyToEvaluate(labels, options.defaults ?? DEFAULT_POD_SECURITY_CONFIG.defaults);
  const policy: NamespacePolicy = { ...parsed.policy, labels: psaLabels(labels), labelErrors: [...new Set(parsed.errors.map(fieldErrorString))] };
  const exemptions = options.exemptions ?? NO_EXEMPTIONS;
  const exempt = isExemptNamespace(exemptions, batch.name);
  const serverMinor = options.serverMinor;

  const profileOf = (level: Level, versionText: string): Profile => ({ level, version: evaluatedVersion(versionText, serverMinor) });
  const modeProfiles = Object.fromEntries(MODES.map((m) => [m, profileOf(policy[m].level, policy[m].version)])) as Record<Mode, Profile>;
  const levelProfiles = Object.fromEntries(WHAT_IF_LEVELS.map((l) => [l, profileOf(l, policy.enforce.version)])) as Record<WhatIfLevel, Profile>;
  // Each distinct profile is evaluated once per object.
  const profiles = new Map<string, Profile>();
  for (const p of [...Object.values(modeProfiles), ...Object.values(levelProfiles)]) if (p.level !== 'privileged') profiles.set(profileKey(p), p);
  const settings = options.settingsFor?.(batch.name);
  const policySettings: EvaluationSettings | undefined =
    settings && (settings.policies?.length ?? 0) > 0 ? { ...settings, profile: levelProfiles.restricted } : undefined;

  const index = new OwnerIndex(batch.objects);
  const workloads = new Map<string, WorkloadAccumulator>();
  for (const obj of inCanonicalOrder(batch.objects)) {
    const place = index.place(obj);
    const key = workloadKey(place.workload);
    let acc = workloads.get(key);
    if (!acc) workloads.set(key, (acc = new WorkloadAccumulator(place.workload, place.ownerNotListed)));
    if (obj.kind === 'Pod') acc.pods++;
    if (!place.evaluate) continue;
    const runtimeClass = podViewOf(obj)?.spec.runtimeClassName;
    if (isExemptRuntimeClass(exemptions, runtimeClass)) {
      acc.exemptObjects++; // Pod Security Admission skips these pods at every level
      continue;
    }
    acc.evaluated++;
    for (const [pk, profile] of profiles) {
      const verdict = evaluateObject(obj, { profile });
      if (verdict && verdict.findings.length > 0) merge(acc.at(pk), verdict.findings, obj);
    }
    if (policySettings) {
      // Exceptions name workloads (`Deployment web`): a pod is matched as the workload it belongs to.
      const verdict = evaluateObject(obj, policySettings, { namespace: batch.name, kind: place.workload.kind, name: place.workload.name });
      if (verdict)
        merge(
          acc.policies,
          verdict.findings.filter((f) => f.standard !== 'pss'),
          obj,
        );
    }
  }

  const audited: WorkloadAudit[] = [];
  for (const acc of workloads.values()) {
    const workloadExempt = acc.evaluated === 0 && acc.exemptObjects > 0;
    const verdictAt = (p: Profile): LevelVerdict => {
      if (p.level === 'privileged' || workloadExempt) return { allowed: true, violations: [] };
      const violations = acc.violations(profileKey(p));
      return { allowed: violations.length === 0, violations };
    };
    const levels = { baseline: verdictAt(levelProfiles.baseline), restricted: verdictAt(levelProfiles.restricted) };
    const modes = Object.fromEntries(MODES.map((m) => [m, exempt || verdictAt(modeProfiles[m]).allowed])) as Record<Mode, boolean>;
    const meets: Level = levels.restricted.allowed ? 'restricted' : levels.baseline.allowed ? 'baseline' : 'privileged';
    const w: { -readonly [K in keyof WorkloadAudit]: WorkloadAudit[K] } = {
      object: acc.ref,
      pods: acc.pods,
      exempt: workloadExempt,
      modes,
      levels,
      meets,
      policies: [...acc.policies.values()].sort(bySeverity),
    };
    if (acc.ownerNotListed) w.ownerNotListed = true;
    audited.push(w);
  }
  sortByRisk(audited);

  const failing = { enforce: 0, audit: 0, warn: 0, baseline: 0, restricted: 0 };
  let pods = 0;
  let withPolicyFindings = 0;
  let meets: Level = 'restricted';
  for (const w of audited) {
    pods += w.pods;
    for (const m of MODES) if (!w.modes[m]) failing[m]++;
    for (const l of WHAT_IF_LEVELS) if (!w.levels[l].allowed) failing[l]++;
    if (w.policies.some((p) => p.exception?.status !== 'applied')) withPolicyFindings++;
    if (!w.exempt && compareLevels(w.meets, meets) < 0) meets = w.meets;
  }
  const version = policy.enforce.version;
  return {
    name: batch.name,
    labelsKnown: batch.namespace !== undefined,
    policy,
    version,
    evaluatedVersion: `v1.${effectiveMinor(evaluatedVersion(version, serverMinor))}`,
    exempt,
    meets,
    counts: { workloads: audited.length, pods, failing, withPolicyFindings },
    workloads: audited,
    complete: batch.errors.length === 0,
    errors: batch.errors,
  };
}
