// The shape of one Pod Security Standards check, modelled on upstream's policy.Check
// (staging/src/k8s.io/pod-security-admission/policy/checks.go): an id, a level, and an ordered
// list of versions, each with the first policy version it applies to and a pure function.

import type { ObjectMeta, PodSpec } from '../k8s/types';
import type { CheckLevel } from './levels';
import type { PodFacts } from './pod-facts';

/**
 * What a check says about one pod. `reason` and `detail` are upstream's ForbiddenReason and
 * ForbiddenDetail, character for character. `fields` are the pod-relative JSON paths
 * (`spec.containers[0].securityContext.privileged`) of the settings that caused the denial;
 * a path may name a field that is absent (the one that should be set).
 */
export interface CheckResult {
  readonly allowed: boolean;
  readonly reason?: string;
  readonly detail?: string;
  readonly fields?: readonly string[];
}

/**
 * A check over one pod. `pod` is the pod's facts (pod-facts.ts), built once by the engine for all
 * checks; a caller may leave it out and the check reads its own from `spec`.
 */
export type CheckPodFn = (meta: ObjectMeta, spec: PodSpec, pod?: PodFacts) => CheckResult;

export interface VersionedCheck {
  /** First policy version this behaviour applies to, as "v1.N". */
  readonly since: string;
  readonly check: CheckPodFn;
  /** Baseline check ids this restricted check replaces from this version on. */
  readonly overrides?: readonly string[];
}

export interface PssCheck {
  readonly id: string;
  readonly level: CheckLevel;
  /** The standard's own words for the control, for docs and SARIF help. */
  readonly title: string;
  readonly description: string;
  /** Strictly increasing by `since`. */
  readonly versions: readonly VersionedCheck[];
}

export const ALLOWED: CheckResult = Object.freeze({ allowed: true });

export function forbidden(reason: string, detail: string, fields: readonly string[]): CheckResult {
  return { allowed: false, reason, detail, fields };
}
