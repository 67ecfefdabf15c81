// How strong a pod is, as the Pod Security Standards rank it: the strictest level it passes at a
// version. The fix engine uses it to refuse changes that would weaken a pod (issue 11, item 8):
// a pod that passed restricted must still pass it after any fix or mutation.

import { evaluateObject } from '../../engine/evaluate';
import type { KubeObject } from '../../k8s/types';
import type { Level } from '../../pss/levels';
import type { PolicyVersion } from '../../pss/version';

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
