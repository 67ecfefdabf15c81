// One object judged at one level and version, in the form Pod Security Admission words its
// messages: the forbidden reasons and details of the failing checks, in upstream's order.
// Upstream: policy/checks.go (AggregateCheckResult.ForbiddenReason / ForbiddenDetail).

import { evaluateObject, type ObjectVerdict } from '../../engine/evaluate';
import type { KubeObject } from '../../k8s/types';
import { forbiddenDetail as aggregateDetail } from '../../pss/evaluate';
import { levelVersionString, toProfile, type LevelVersion } from '../../psa/namespace-policy';

export interface PssOutcome {
  readonly allowed: boolean;
  readonly reasons: readonly string[];
  readonly details: readonly string[];
}

const ALLOWED: PssOutcome = Object.freeze({ allowed: true, reasons: [], details: [] });

/** The object's pod judged by the Pod Security Standards alone (no policies, no exceptions). */
export function pssOutcome(obj: KubeObject, lv: LevelVersion): PssOutcome {
  if (lv.level === 'privileged') return ALLOWED;
  return outcomeOf(evaluateObject(obj, { profile: toProfile(lv) }));
}

/** The standard's part of a verdict (policy findings, which come after it, are left out). */
export function outcomeOf(verdict: ObjectVerdict | undefined): PssOutcome {
  if (!verdict || verdict.allowed) return ALLOWED;
  const reasons: string[] = [];
  const details: string[] = [];
  for (const f of verdict.findings) {
    if (f.standard !== 'pss') continue;
    reasons.push(f.reason);
    details.push(f.detail);
  }
  return { allowed: false, reasons, details };
}

/** `host ports, privileged` */
export function forbiddenReason(o: PssOutcome): string {
  return o.reasons.join(', ');
}

/** `host ports (8080, 9090), privileged (container "app" must not set securityContext.privileged=true)` */
export function forbiddenDetail(o: PssOutcome): string {
  return aggregateDetail(o.reasons.map((reason, i) => ({ reason, detail: o.details[i] ?? '' })));
}

/** Evaluates each level-version once per request: enforce, audit and warn often coincide. */
export class OutcomeCache {
  private readonly cache = new Map<string, PssOutcome>();
  constructor(private readonly obj: KubeObject) {}

  /** Records an outcome already computed (with the policies, in one evaluation). */
  seed(lv: LevelVersion, outcome: PssOutcome): void {
    this.cache.set(levelVersionString(lv), outcome);
  }

  at(lv: LevelVersion): PssOutcome {
    const key = levelVersionString(lv);
    let o = this.cache.get(key);
    if (!o) this.cache.set(key, (o = pssOutcome(this.obj, lv)));
    return o;
  }
}
