// The shape of one fix, modelled on ESLint's fixable rules: declarative documentation (what each
// remedy changes, why it is safe or what it may break and how to check) plus a pure function that
// plans changes for one finding. A fix never sees YAML: it returns path-based changes (change.ts)
// that one engine applies in passes, re-checking after each.

import type { PodLike } from '../../k8s/types';
import type { Profile } from '../../pss/evaluate';
import type { Change } from './change';

/** One way a fix changes a pod, documented once and named by every change it makes. */
export interface Remedy {
  /**
   * Safe remedies change nothing in how a well-behaved app runs and apply by default.
   * The others change behaviour and apply only with `--unsafe`.
   */
  readonly safe: boolean;
  /** What is changed, e.g. "sets securityContext.allowPrivilegeEscalation: false where it is unset". */
  readonly change: string;
  /** For a safe remedy: why nothing breaks. For an unsafe one: what may break. */
  readonly rationale: string;
  /** How to check that the app still works (required for unsafe remedies). */
  readonly verify?: string;
}

/** A finding as a fix sees it: field paths relative to the pod (`spec.containers[0]…`). */
export interface PodFinding {
  readonly check: string;
  readonly reason: string;
  readonly detail: string;
  readonly fields: readonly string[];
}

export interface FixContext {
  /** The pod as written in the source (API server defaults not applied), which is what gets edited. */
  readonly pod: PodLike;
  readonly finding: PodFinding;
  /** The object's other open findings (a fix may leave a field to a fix that replaces its parent). */
  readonly others: readonly PodFinding[];
  /** The level and version being fixed for. */
  readonly profile: Profile;
}

/** One change a fix wants, with the remedy it belongs to and who it is for (`pod`, `container "web"`). */
export interface PlannedChange<R extends string = string> {
  readonly remedy: R;
  readonly subject: string;
  readonly change: Change;
}

export interface FixPlan<R extends string = string> {
  readonly changes: readonly PlannedChange<R>[];
  /** Why (part of) the finding cannot be fixed automatically; shown to the user with what is left. */
  readonly manual: readonly string[];
}

export interface Fix<R extends string = string> {
  /** The check or policy id this fix remedies (a Pod Security Standards check id, or a policy id). */
  readonly id: string;
  /** One line for docs and `--help`. */
  readonly summary: string;
  readonly remedies: Readonly<Record<R, Remedy>>;
  /** What to do by hand when no remedy applies (shown in docs). */
  readonly manual?: string;
  plan(ctx: FixContext): FixPlan<R>;
}

/** Declares a fix with its remedy ids checked by the compiler (a plan can only name declared remedies). */
export function defineFix<R extends string>(fix: Fix<R>): Fix<R> {
  return fix;
}

/** A plan with nothing in it. */
export const NOTHING: FixPlan<never> = Object.freeze({ changes: [], manual: [] });

/**
 * A fix for another id that makes the same changes as `fix` (a policy reporting what a Pod
 * Security Standards check reports, at other levels), optionally with only some of its remedies.
 */
export function deriveFix<R extends string, K extends R = R>(fix: Fix<R>, id: string, options: { summary?: string; remedies?: readonly K[] } = {}): Fix<K> {
  const keep = new Set<string>(options.remedies ?? Object.keys(fix.remedies));
  const remedies = Object.fromEntries(Object.entries(fix.remedies).filter(([name]) => keep.has(name))) as Record<K, Remedy>;
  return {
    id,
    summary: options.summary ?? fix.summary,
    remedies,
    ...(fix.manual !== undefined ? { manual: fix.manual } : {}),
    plan(ctx) {
      const plan = fix.plan(ctx);
      return { changes: plan.changes.filter((c): c is PlannedChange<K> => keep.has(c.remedy)), manual: plan.manual };
    },
  };
}
