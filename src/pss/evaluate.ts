// Evaluates one pod against a Pod Security Standards profile: every check that applies, in
// upstream's order, returning the forbidden results.

import type { ObjectMeta, PodSpec } from '../k8s/types';
import type { Level } from './levels';
import { podFacts, type PodFacts } from './pod-facts';
import { pssRegistry } from './registry';
import { formatVersion, type PolicyVersion } from './version';

export interface Profile {
  readonly level: Level;
  readonly version: PolicyVersion;
}

export interface PssViolation {
  readonly check: string;
  readonly level: 'baseline' | 'restricted';
  readonly reason: string;
  readonly detail: string;
  /** Pod-relative JSON paths of the offending (or missing) fields. */
  readonly fields: readonly string[];
}

/** Upstream's placeholder for a check that denies without a reason (policy/checks.go). */
const UNKNOWN_FORBIDDEN_REASON = 'unknown forbidden reason';

/** What an allowed pod gets: one shared, frozen empty list, so allowing a pod allocates nothing. */
const NO_VIOLATIONS: readonly PssViolation[] = Object.freeze([]);

/**
 * The violations of one pod at a profile. `pod` is the spec's facts when the caller has them
 * (the engine builds them once per pod for the checks and the policies alike).
 */
export function evaluatePss(meta: ObjectMeta, spec: PodSpec, profile: Profile, pod: PodFacts = podFacts(spec)): readonly PssViolation[] {
  let out: PssViolation[] | undefined;
  const checks = pssRegistry().checksFor(profile.level, profile.version);
  for (let i = 0; i < checks.length; i++) {
    const active = checks[i]!;
    const r = active.versioned.check(meta, spec, pod);
    if (r.allowed) continue;
    (out ??= []).push({
      check: active.id,
      level: active.level,
      reason: r.reason || UNKNOWN_FORBIDDEN_REASON,
      detail: r.detail ?? '',
      fields: r.fields ?? [],
    });
  }
  return out ?? NO_VIOLATIONS;
}

/** `"restricted:v1.37"` — upstream's LevelVersion.String(). */
export function profileString(p: Profile): string {
  return `${p.level}:${formatVersion(p.version)}`;
}

/**
 * The message Pod Security Admission returns on denial (admission/admission.go):
 * `violates PodSecurity "restricted:latest": reason (detail), reason, …`.
 */
export function aggregateMessage(profile: Profile, violations: readonly { reason: string; detail: string }[]): string {
  return `violates PodSecurity ${JSON.stringify(profileString(profile))}: ${forbiddenDetail(violations)}`;
}

/**
 * `host ports (8080, 9090), privileged (container "app" …)`: each reason with its detail in
 * parentheses when there is one — upstream's AggregateCheckResult.ForbiddenDetail (policy/checks.go).
 */
export function forbiddenDetail(violations: readonly { reason: string; detail: string }[]): string {
  return violations.map((v) => (v.detail ? `${v.reason} (${v.detail})` : v.reason)).join(', ');
}
