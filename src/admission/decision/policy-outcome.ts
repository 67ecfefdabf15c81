// podguard's hardening policies at admission: each finding that no exception covers denies, warns
// or is only audited, by its severity. Policies that a Pod Security Standards check enforced in
// the namespace already covers are skipped (the standard reports the problem once).

import { evaluateObject, type EvaluationSettings, type Finding } from '../../engine/evaluate';
import type { KubeObject } from '../../k8s/types';
import { atLeast } from '../../policies/severity';
import { toProfile, type LevelVersion } from '../../psa/namespace-policy';
import { outcomeOf, type PssOutcome } from './pss-outcome';
import type { PolicyActions } from './settings';

export interface PolicyOutcome {
  /** The denial message, when some finding is at or above the deny severity. */
  readonly deny?: string;
  /** Warnings for the findings that deny, for requests that are not denied (workloads, unless denied early). */
  readonly denyWarnings: readonly string[];
  readonly warnings: readonly string[];
  /** Every finding, for the audit annotation. */
  readonly audit?: string;
}

const NONE: PolicyOutcome = Object.freeze({ denyWarnings: [], warnings: [] });

function described(f: Finding): string {
  return `${f.check} (${f.detail})`;
}

function warning(f: Finding): string {
  return `podguard policy ${f.check} (${f.severity}): ${f.detail}`;
}

/**
 * The namespace's settings at its enforce level, one object per settings and level-version: the
 * engine caches the policies that run per settings object, and a fresh object per request would
 * make it work that out again on every request.
 */
const AT_ENFORCE = new WeakMap<EvaluationSettings, Map<string, EvaluationSettings>>();

function atEnforce(settings: EvaluationSettings, enforce: LevelVersion): EvaluationSettings {
  let byLevel = AT_ENFORCE.get(settings);
  if (!byLevel) AT_ENFORCE.set(settings, (byLevel = new Map()));
  const key = `${enforce.level}:${enforce.version}`;
  let at = byLevel.get(key);
  // PSA's own exemptions are applied by the decision; here they would only hide the policies.
  if (!at) byLevel.set(key, (at = { ...settings, profile: toProfile(enforce), exemptions: undefined }));
  return at;
}

/**
 * Judges the object once at the enforce level with the policies: the standard's outcome at that
 * level (for the decision's cache) and what the policy findings do.
 */
export function evaluateWithPolicies(
  obj: KubeObject,
  settings: EvaluationSettings,
  enforce: LevelVersion,
  actions: PolicyActions,
): { pss: PssOutcome; policies: PolicyOutcome } {
  const verdict = evaluateObject(obj, atEnforce(settings, enforce));
  return { pss: outcomeOf(verdict), policies: policyOutcome(verdict?.findings ?? [], actions) };
}

function policyOutcome(all: readonly Finding[], actions: PolicyActions): PolicyOutcome {
  const findings = all.filter((f) => f.standard === 'podguard' && f.exception?.status !== 'applied');
  if (findings.length === 0) return NONE;
  const deny = actions.denyAt === 'never' ? [] : findings.filter((f) => atLeast(f.severity, actions.denyAt as Exclude<PolicyActions['denyAt'], 'never'>));
  const warn =
    actions.warnAt === 'never'
      ? []
      : findings.filter((f) => !deny.includes(f) && atLeast(f.severity, actions.warnAt as Exclude<PolicyActions['warnAt'], 'never'>));
  return {
    deny: deny.length > 0 ? `violates podguard policy: ${deny.map(described).join(', ')}` : undefined,
    denyWarnings: deny.map(warning),
    warnings: warn.map(warning),
    audit: findings.map(described).join(', '),
  };
}
