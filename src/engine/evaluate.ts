// Evaluates one Kubernetes object: finds its pod, applies the API server's defaults, runs the
// profile's Pod Security Standards checks and the hardening policies, marks the findings that an
// exception covers, and returns findings with object-relative paths. Knows nothing of YAML,
// files, HTTP or clusters, so the CLI, the webhook and the audit share it.
//
// HOW TO GET SETTINGS (for fix, serve, audit, …): do not build EvaluationSettings by hand; load
// them the way `podguard scan` does, so podguard.yaml, presets, exceptions and a Kubernetes
// PodSecurityConfiguration all behave the same everywhere:
//
//   import { loadSettings } from '../config/load';
//   const loaded = loadSettings({ cwd: process.cwd(), configPath: values.config,
//                                 level: values.level, version: values.version, preset: values.preset,
//                                 failOn: values['fail-on'] });
//   for (const e of loaded.errors) report(e);           // { file, line?, message }: input errors (exit 2)
//   const verdict = evaluateObject(obj, loaded.settingsFor(namespace));
//   verdict.allowed   → exactly Pod Security Admission's verdict (podguard exceptions never change it)
//   verdict.failed    → some finding that no exception covers is at or above the fail-on severity
//   finding.exception → the exception that matched it (status 'applied' means it is excepted)
//
// `settingsFor(namespace)` returns the per-namespace settings (cached; cheap to call per object).
// `evaluateObject(obj, { profile })` alone still works: the standard only, no policies, no exceptions.

import type { KubeObject, ObjectMeta, PodSpec } from '../k8s/types';
import { annotationExceptions, hasExceptionAnnotations } from '../exceptions/annotations';
import type { ExceptionRule, ExceptionSet, FindingException } from '../exceptions/exception';
import { exceptionFor } from '../exceptions/match';
import { appliesToKind, isPodPolicy, type ObjectPolicy, type PodPolicy, type Policy, type PolicyFinding } from '../policies/policy';
import { atLeast, PSS_SEVERITY, type Severity } from '../policies/severity';
import { isExemptNamespace, isExemptRuntimeClass, type Exemptions } from '../psa/exemptions';
import { evaluatePss, type Profile } from '../pss/evaluate';
import { podFacts } from '../pss/pod-facts';
import { pssRegistry } from '../pss/registry';
import { effectiveMinor } from '../pss/version';
import { containersAt } from '../k8s/container-paths';
import { applyDefaults } from './defaults';
import { podViewOf } from './pod-views';

/** `pss`: one of the 19 Pod Security Standards checks; `podguard`: a hardening policy from the catalogue. */
export type Standard = 'pss' | 'podguard';

export interface Finding {
  /** A PSS check id (upstream's, e.g. `allowPrivilegeEscalation`) or a policy id (kebab-case). */
  readonly check: string;
  readonly standard: Standard;
  /** The PSS level the check belongs to; absent for policies, which do not belong to a level. */
  readonly level?: 'baseline' | 'restricted';
  /** The check's severity after any configured override. */
  readonly severity: Severity;
  /** PSS: upstream's reason, character for character. Policies: the policy's title. */
  readonly reason: string;
  /** PSS: upstream's detail, character for character. Policies: one sentence naming what is wrong. */
  readonly detail: string;
  /** Object-relative JSON paths (`spec.template.spec.containers[0].securityContext`). */
  readonly fields: readonly string[];
  /** For policy findings about one container: its name. */
  readonly container?: string;
  /** The exception that matched, if any; the finding is excepted only when its status is `applied`. */
  readonly exception?: FindingException;
}

/**
 * What to evaluate an object against. Every door (scan, fix, the webhook, the audit) gets one of
 * these from loadSettings (src/config/load.ts). Only `profile` is required; each optional field
 * left out means "none": no policies, no exceptions, every finding fails.
 */
export interface EvaluationSettings {
  /** The Pod Security Standards level and version. */
  readonly profile: Profile;
  /**
   * Hardening policies to run (a preset plus includes minus excludes, resolved by the config
   * loader). Policies whose `coveredBy` PSS check runs in `profile` are skipped automatically.
   */
  readonly policies?: readonly Policy[];
  /** Severity overrides by check id (PSS or policy). */
  readonly severities?: Readonly<Record<string, Severity>>;
  /** Findings below this severity do not fail (verdict.failed); default `low` (every finding fails). */
  readonly failOn?: Severity;
  readonly exceptions?: ExceptionSet;
  /** The time exceptions' expiry is judged at (ms since the epoch); default: now. */
  readonly now?: number;
  /**
   * PSA exemptions: an exempt pod is allowed without evaluating the standard (policies still run).
   * Usernames apply only in the webhook, which knows the requesting user.
   */
  readonly exemptions?: Exemptions;
}

export interface ObjectVerdict {
  /** Where the pod sits in the object ('' for a Pod). */
  readonly podPath: string;
  /**
   * Exactly Pod Security Admission's verdict at the profile: no PSS violation, or exempt.
   * Hardening policies and podguard exceptions never change it.
   */
  readonly allowed: boolean;
  /**
   * Whether this object fails the run: some finding that no exception covers has a severity at
   * or above `failOn`. This is what exit codes and CI reports follow.
   */
  readonly failed: boolean;
  /** Set when PSA exempts the pod (and so the standard was not evaluated). */
  readonly exempt?: 'namespace' | 'runtimeClass';
  /** PSS findings first, in upstream's order (so PSA's message can be rebuilt), then policies in catalogue order. */
  readonly findings: readonly Finding[];
}

/** The namespace, kind and name exceptions are matched against; default: the object's own. */
export interface ObjectIdentity {
  readonly namespace?: string;
  readonly kind?: string;
  readonly name?: string;
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** The policies that run for a profile: those no active PSS check already covers. Cached per list and profile. */
const activeCache = new WeakMap<readonly Policy[], Map<string, readonly Policy[]>>();

export function activePolicies(policies: readonly Policy[], profile: Profile): readonly Policy[] {
  let byProfile = activeCache.get(policies);
  if (!byProfile) activeCache.set(policies, (byProfile = new Map()));
  const key = `${profile.level}:${effectiveMinor(profile.version)}`;
  let active = byProfile.get(key);
  if (!active) {
    const running = new Set(
      pssRegistry()
        .checksFor(profile.level, profile.version)
        .map((c) => c.id),
    );
    active = policies.filter((p) => !(p.coveredBy ?? []).some((id) => running.has(id)));
    byProfile.set(key, active);
  }
  return active;
}

/** The same, per settings object: loadSettings hands out one object per namespace, so this is a single lookup per pod. */
const activeBySettings = new WeakMap<EvaluationSettings, ActiveSet>();

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function isExempt(exemptions: Exemptions | undefined, namespace: string | undefined, spec: PodSpec): ObjectVerdict['exempt'] {
  if (!exemptions) return undefined;
  if (isExemptNamespace(exemptions, namespace)) return 'namespace';
  if (isExemptRuntimeClass(exemptions, spec.runtimeClassName)) return 'runtimeClass';
  return undefined;
}

/** The pod policies and the object policies that run for a settings object, split once. */
interface ActiveSet {
  readonly pod: readonly PodPolicy[];
  readonly objects: readonly ObjectPolicy[];
}

const NO_ACTIVE: ActiveSet = { pod: [], objects: [] };

function activeSet(settings: EvaluationSettings): ActiveSet {
  if (settings.policies === undefined || settings.policies.length === 0) return NO_ACTIVE;
  let active = activeBySettings.get(settings);
  if (active === undefined) {
    const all = activePolicies(settings.policies, settings.profile);
    active = { pod: all.filter(isPodPolicy), objects: all.filter((p): p is ObjectPolicy => !isPodPolicy(p)) };
    activeBySettings.set(settings, active);
  }
  return active;
}

type MutableFinding = { -readonly [K in keyof Finding]: Finding[K] };

/** Pod-relative paths made object-relative; a plain loop, as this runs for every field of every finding. */
function prefixed(prefix: string, fields: readonly string[]): readonly string[] {
  if (prefix === '') return fields;
  const out = new Array<string>(fields.length);
  for (let i = 0; i < fields.length; i++) out[i] = prefix + fields[i]!;
  return out;
}

function policyFinding(policy: Policy, f: PolicyFinding, prefix: string, overrides: EvaluationSettings['severities']): Finding {
  const finding: MutableFinding = {
    check: policy.id,
    standard: 'podguard',
    severity: overrides?.[policy.id] ?? policy.severity,
    reason: policy.title,
    detail: f.detail,
    fields: prefixed(prefix, f.fields),
  };
  if (f.container !== undefined) finding.container = f.container;
  return finding;
}

/** Findings of the object policies that apply to the object's kind (object-relative paths). */
function objectFindings(obj: KubeObject, objects: readonly ObjectPolicy[], settings: EvaluationSettings, out: Finding[] | undefined): Finding[] | undefined {
  for (const policy of objects) {
    if (!appliesToKind(policy, obj.kind)) continue;
    for (const f of policy.checkObject(obj)) (out ??= []).push(policyFinding(policy, f, '', settings.severities));
  }
  return out;
}

/**
 * The verdict for an object, or undefined when nothing applies to it: its kind carries no pod and
 * no object policy names its kind. Pod Security Standards checks and pod policies see only the pod.
 */
export function evaluateObject(obj: KubeObject, settings: EvaluationSettings, identity?: ObjectIdentity): ObjectVerdict | undefined {
  const active = activeSet(settings);
  const view = podViewOf(obj);
  if (!view) {
    if (!active.objects.some((p) => appliesToKind(p, obj.kind))) return undefined;
    const found = objectFindings(obj, active.objects, settings, undefined);
    return found === undefined
      ? { podPath: '', allowed: true, failed: false, findings: NO_FINDINGS }
      : conclude(obj, settings, identity, '', found, undefined, undefined);
  }
  const spec = applyDefaults(view.spec, obj.kind === 'Pod');
  const namespace = identity?.namespace ?? str(obj.metadata?.namespace);
  const exempt = isExempt(settings.exemptions, namespace, spec);
  const prefix = view.prefix;
  const overrides = settings.severities;
  let findings: Finding[] | undefined;
  // Pod-relative field lists, kept beside the findings for container-scoped exceptions.
  let podFields: (readonly string[])[] | undefined;
  // The pod read once into fixed-shape objects, for every check and policy (src/pss/pod-facts.ts).
  const pod = podFacts(spec);

  if (exempt === undefined) {
    const violations = evaluatePss(view.metadata, spec, settings.profile, pod);
    for (const v of violations) {
      (findings ??= []).push({
        check: v.check,
        standard: 'pss',
        level: v.level,
        severity: overrides?.[v.check] ?? PSS_SEVERITY[v.check] ?? 'medium',
        reason: v.reason,
        detail: v.detail,
        fields: prefixed(prefix, v.fields),
      });
      (podFields ??= []).push(v.fields);
    }
  }
  const policies = active.pod;
  for (let i = 0; i < policies.length; i++) {
    const policy = policies[i]!;
    const found = policy.check(view.metadata, spec, pod);
    for (let j = 0; j < found.length; j++) {
      (findings ??= []).push(policyFinding(policy, found[j]!, prefix, overrides));
      (podFields ??= []).push(found[j]!.fields);
    }
  }
  if (active.objects.length > 0) {
    const before = findings?.length ?? 0;
    findings = objectFindings(obj, active.objects, settings, findings);
    for (let i = before; i < (findings?.length ?? 0); i++) (podFields ??= []).push([]);
  }
  if (findings === undefined) {
    return exempt === undefined
      ? { podPath: view.podPath, allowed: true, failed: false, findings: NO_FINDINGS }
      : { podPath: view.podPath, allowed: true, failed: false, exempt, findings: NO_FINDINGS };
  }
  return conclude(obj, settings, identity, view.podPath, findings, podFields, { spec, metadata: view.metadata, exempt });
}

/** Marks the findings exceptions cover and decides `allowed` and `failed`. */
function conclude(
  obj: KubeObject,
  settings: EvaluationSettings,
  identity: ObjectIdentity | undefined,
  podPath: string,
  findings: Finding[],
  podFields: (readonly string[])[] | undefined,
  pod: { spec: PodSpec; metadata: ObjectMeta; exempt: ObjectVerdict['exempt'] } | undefined,
): ObjectVerdict {
  const namespace = identity?.namespace ?? str(obj.metadata?.namespace);
  const set = settings.exceptions;
  const podMeta = pod?.metadata ?? obj.metadata;
  const objectRules = set?.annotations && (hasExceptionAnnotations(obj.metadata) || (podMeta !== obj.metadata && hasExceptionAnnotations(podMeta)));
  if (set && (set.rules.length > 0 || objectRules)) {
    const annotations: ExceptionRule[] = objectRules
      ? [...annotationExceptions(obj.metadata), ...(podMeta !== obj.metadata ? annotationExceptions(podMeta) : [])]
      : [];
    const now = settings.now ?? Date.now();
    const target = { namespace, kind: identity?.kind ?? str(obj.kind), name: identity?.name ?? str(obj.metadata?.name) ?? str(obj.metadata?.['generateName']) };
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i]!;
      const containers = f.container !== undefined ? [f.container] : pod ? containersAt(pod.spec, podFields![i]!) : [];
      const exception = exceptionFor(set, annotations, { ...target, check: f.check, containers }, now);
      if (exception) findings[i] = { ...f, exception };
    }
  }

  const failOn = settings.failOn ?? 'low';
  let allowed = true;
  let failed = false;
  for (const f of findings) {
    if (f.standard === 'pss') allowed = false;
    // failOn ranks policy findings; it never hides the standard's verdict: a PSS violation no
    // exception covers fails the run whatever its severity.
    if (f.exception?.status !== 'applied' && (f.standard === 'pss' || atLeast(f.severity, failOn))) failed = true;
  }
  const verdict = { podPath, allowed, failed, findings };
  return pod?.exempt === undefined ? verdict : { ...verdict, exempt: pod.exempt };
}
