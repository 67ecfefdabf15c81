// The shape of one hardening policy: a declarative object (id, title, severity, rationale,
// remediation, references) plus a pure check that reads a pod and returns findings with
// pod-relative JSON paths, exactly like the Pod Security Standards checks. One module per policy
// in catalogue/<id>.ts, listed in catalogue/index.ts.

import type { ObjectMeta, PodSpec } from '../k8s/types';
import type { Severity } from './severity';

/** What a policy is about; groups the catalogue in docs and listings. */
export const CATEGORIES = ['identity', 'privilege', 'filesystem', 'isolation', 'node-escape', 'will-not-run', 'windows'] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * The smallest preset that runs a policy. `recommended` policies can be adopted without
 * rewriting images (a manifest change is enough); `strict` ones may need image or application
 * changes. The `pss` preset runs no policies.
 */
export type PolicyPreset = 'recommended' | 'strict';

export interface Reference {
  readonly title: string;
  readonly url: string;
}

/** One problem a policy found in a pod. */
export interface PolicyFinding {
  /** One sentence naming the offending container, volume or field, in the style of PSS details. */
  readonly detail: string;
  /** Pod-relative JSON paths of the offending (or missing) fields. */
  readonly fields: readonly string[];
  /** The container the finding is about, when it is about one (exceptions can be scoped to it). */
  readonly container?: string;
}

export type PolicyCheckFn = (meta: ObjectMeta, spec: PodSpec) => readonly PolicyFinding[];

export interface Policy {
  /** kebab-case, unique, never one of the 19 Pod Security Standards ids (which are camelCase). */
  readonly id: string;
  /** Short, stated as the problem ("Container runs as UID 0"); used as the finding's reason. */
  readonly title: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly preset: PolicyPreset;
  /** Why it matters: the attack it enables or the failure it causes. */
  readonly rationale: string;
  /** What to change in the manifest. */
  readonly remediation: string;
  readonly references: readonly Reference[];
  /**
   * Pod Security Standards checks that already report the same problem. When any of them runs in
   * the profile being evaluated, this policy is skipped so the problem is reported once.
   */
  readonly coveredBy?: readonly string[];
  /** Pure and read-only; returns PASS (allocating nothing) when the pod passes. */
  readonly check: PolicyCheckFn;
}

/** The result of a passing check: shared and frozen, so passing allocates nothing. */
export const PASS: readonly PolicyFinding[] = Object.freeze([]);
