// The shape of one hardening policy: a declarative object (id, title, severity, rationale,
// remediation, references) plus a pure check. A pod policy (the default, and every built-in one)
// reads the pod of a pod-bearing object and returns pod-relative JSON paths, exactly like the Pod
// Security Standards checks; an object policy names the kinds it applies to and reads the whole
// object (custom policies over any kind). Built-in policies are one module each in
// catalogue/<id>.ts, listed in catalogue/index.ts; every policy reaches the engine through a
// PolicyRegistry (registry.ts).

import type { KubeObject, ObjectMeta, PodSpec } from '../k8s/types';
import type { PodFacts } from '../pss/pod-facts';
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

/**
 * `pod` is the pod's facts (src/pss/pod-facts.ts: its containers and their security contexts,
 * read once per pod by the engine). A policy may ignore it and read `spec`, as policies written
 * before it existed do; a caller may leave it out.
 */
export type PolicyCheckFn = (meta: ObjectMeta, spec: PodSpec, pod?: PodFacts) => readonly PolicyFinding[];

/** What every policy declares, whatever it reads. */
export interface PolicyInfo {
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
}

/** A policy over the pod of every pod-bearing object (Pod, workloads, templates). */
export interface PodPolicy extends PolicyInfo {
  readonly target?: 'pod';
  /** Pure and read-only; returns PASS (allocating nothing) when the pod passes. */
  readonly check: PolicyCheckFn;
}

/** Findings' `fields` are object-relative paths (`spec.rules[0]`); `container` is unused. */
export type ObjectCheckFn = (object: KubeObject) => readonly PolicyFinding[];

/** A policy over whole objects of the kinds it names (pod-bearing or not). */
export interface ObjectPolicy extends PolicyInfo {
  readonly target: 'object';
  /** Kinds as written in `kind` (`Deployment`, `Service`); '*' for every kind. */
  readonly kinds: readonly string[];
  /** Pure and read-only; returns PASS when the object passes. */
  readonly checkObject: ObjectCheckFn;
}

export type Policy = PodPolicy | ObjectPolicy;

export function isPodPolicy(policy: Policy): policy is PodPolicy {
  return policy.target !== 'object';
}

export function appliesToKind(policy: ObjectPolicy, kind: unknown): boolean {
  return policy.kinds.includes('*') || (typeof kind === 'string' && policy.kinds.includes(kind));
}

/** The result of a passing check: shared and frozen, so passing allocates nothing. */
export const PASS: readonly PolicyFinding[] = Object.freeze([]);
