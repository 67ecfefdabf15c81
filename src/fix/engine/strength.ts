// How strong a pod is, as the Pod Security Standards rank it: the strictest level it passes at a
// version. The fix engine uses it to refuse changes that would weaken a pod (issue 11, item 8):
// a pod that passed restricted must still pass it after any fix or mutation.

import { evaluateObject } from '../../engine/evaluate';
import type { KubeObject } from '../../k8s/types';
import type { Level } from '../../pss/levels';
import { pssRegistry } from '../../pss/registry';
import { minorOf, type PolicyVersion } from '../../pss/version';

const RANK: Readonly<Record<Level, number>> = { privileged: 0, baseline: 1, restricted: 2 };

/** The strictest level the object's pod passes at `version` (PSA exemptions aside); undefined for objects without a pod. */
export function strongestLevel(obj: KubeObject, version: PolicyVersion): Level | undefined {
  const restricted = evaluateObject(obj, { profile: { level: 'restricted', version } });
  if (!restricted) return undefined;
  if (restricted.allowed) return 'restricted';
  return evaluateObject(obj, { profile: { level: 'baseline', version } })!.allowed ? 'baseline' : 'privileged';
}

/** Whether `after` is weaker than `before` (fails a level `before` passed). */
export function weaker(after: Level | undefined, before: Level | undefined): boolean {
  return before !== undefined && (after === undefined || RANK[after] < RANK[before]);
}

let boundaries: readonly PolicyVersion[] | undefined;

/**
 * One version for each span of versions in which the standard does not change (the first version
 * of each, from the checks' `since`): a pod passes a level at every version exactly when it passes
 * it at each of these. For a caller that does not know which version will judge the pod (the
 * webhook: each namespace picks its own).
 */
export function distinctVersions(): readonly PolicyVersion[] {
  if (!boundaries) {
    const minors = new Set<number>([0]);
    for (const c of pssRegistry().checks) for (const v of c.versions) minors.add(minorOf(v.since));
    boundaries = [...minors].sort((a, b) => a - b);
  }
  return boundaries;
}

/** The strictest level passed at each of `versions`. */
export function strengths(obj: KubeObject, versions: readonly PolicyVersion[]): (Level | undefined)[] {
  return versions.map((v) => strongestLevel(obj, v));
}

/** Whether `after` is weaker than `before` at any of the versions they were measured at. */
export function weakerAtAny(after: readonly (Level | undefined)[], before: readonly (Level | undefined)[]): number {
  for (let i = 0; i < before.length; i++) if (weaker(after[i], before[i])) return i;
  return -1;
}
