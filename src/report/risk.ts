// Ranking workloads by risk, for the summaries that end text reports: each finding no exception
// covers weighs by its severity (one critical outweighs any realistic number of lows).

import { isExcepted } from '../exceptions/exception';
import { RISK_WEIGHT } from '../policies/severity';
import type { ObjectRef, Result, Violation } from './model';

export function riskScore(violations: readonly Violation[]): number {
  let score = 0;
  for (const v of violations) if (!isExcepted(v)) score += RISK_WEIGHT[v.severity];
  return score;
}

export interface RiskyWorkload {
  readonly object: ObjectRef;
  readonly file: string;
  readonly line: number;
  readonly score: number;
  /** Non-excepted findings by severity. */
  readonly counts: Readonly<Record<Violation['severity'], number>>;
}

/** Keeps the `limit` riskiest results seen, in memory bounded by `limit`. */
export class RiskiestWorkloads {
  private readonly top: RiskyWorkload[] = [];
  constructor(private readonly limit = 5) {}

  add(r: Result): void {
    const score = riskScore(r.violations);
    if (score === 0) return;
    if (this.top.length === this.limit && score <= this.top[this.top.length - 1]!.score) return;
    const counts = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const v of r.violations) if (!isExcepted(v)) counts[v.severity]++;
    this.top.push({ object: r.object, file: r.source.file, line: r.source.line, score, counts });
    this.top.sort((a, b) => b.score - a.score); // stable: earlier input first among equals
    if (this.top.length > this.limit) this.top.pop();
  }

  list(): readonly RiskyWorkload[] {
    return this.top;
  }
}

/** The Pod Security Standards violations in upstream's order (baseline checks first, then by id), for PSA's message. */
export function pssInUpstreamOrder(violations: readonly Violation[]): Violation[] {
  return violations
    .filter((v) => v.standard === 'pss')
    .sort((a, b) => (a.level === b.level ? (a.check < b.check ? -1 : a.check > b.check ? 1 : 0) : a.level === 'baseline' ? -1 : 1));
}
