// Finds the exception that covers a finding. Configured exceptions are tried first, in file
// order, then the object's annotations; the first that applies wins. When only expired, locked
// or unusable ones match, the first of those is returned so the result says why the finding
// still counts.

import type { ExceptionRule, ExceptionSet, ExceptionStatus, FindingException } from './exception';
import { anyMatches } from './pattern';

/** What an exception is matched against: the object's identity, the check, and the containers a finding is about. */
export interface ExceptionTarget {
  readonly namespace?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly check: string;
  /** The containers the finding names; undefined or empty for pod-level findings. */
  readonly containers?: readonly string[];
}

/** Whether a rule's scope covers a target, whatever its status (expired, locked, …). */
export function inScope(rule: ExceptionRule, t: ExceptionTarget): boolean {
  if (!rule.checks.includes(t.check)) return false;
  if (!anyMatches(rule.namespaces, t.namespace)) return false;
  if (rule.kinds !== undefined && (t.kind === undefined || !rule.kinds.includes(t.kind))) return false;
  if (!anyMatches(rule.names, t.name)) return false;
  if (rule.containers !== undefined) {
    // A container-scoped exception covers a finding only when every container it names is in scope.
    const cs = t.containers;
    if (cs === undefined || cs.length === 0) return false;
    for (const c of cs) if (!anyMatches(rule.containers, c)) return false;
  }
  return true;
}

function statusOf(rule: ExceptionRule, set: ExceptionSet, check: string, now: number): { status: ExceptionStatus; problem?: string } {
  if (rule.origin.kind === 'annotation') {
    if (set.locked.has(check)) return { status: 'locked', problem: `check ${check} is locked by the administrator: annotations cannot except it` };
    if (rule.problem !== undefined) return { status: 'invalid', problem: rule.problem };
  }
  if (rule.expiresAt !== undefined && now >= rule.expiresAt) return { status: 'expired', problem: `expired ${rule.expires}` };
  return { status: 'applied' };
}

function describe(rule: ExceptionRule, status: ExceptionStatus, problem: string | undefined): FindingException {
  const out: { -readonly [K in keyof FindingException]: FindingException[K] } = {
    status,
    id: rule.id,
    source: rule.origin.kind,
    justification: rule.justification,
  };
  if (rule.expires !== undefined) out.expires = rule.expires;
  if (rule.origin.kind === 'config') {
    out.file = rule.origin.file;
    if (rule.origin.line !== undefined) out.line = rule.origin.line;
  } else {
    out.annotation = rule.origin.key;
  }
  if (problem !== undefined) out.problem = problem;
  return out;
}

/**
 * The exception for one finding, or undefined when none is in scope.
 * `annotationRules` are the object's own (see annotationExceptions); ignored when the set disables annotations.
 */
export function exceptionFor(set: ExceptionSet, annotationRules: readonly ExceptionRule[], target: ExceptionTarget, now: number): FindingException | undefined {
  let fallback: FindingException | undefined;
  const lists = set.annotations ? [set.rules, annotationRules] : [set.rules];
  for (const rules of lists) {
    for (const rule of rules) {
      if (!inScope(rule, target)) continue;
      const { status, problem } = statusOf(rule, set, target.check, now);
      if (status === 'applied') return describe(rule, status, undefined);
      fallback ??= describe(rule, status, problem);
    }
  }
  return fallback;
}
