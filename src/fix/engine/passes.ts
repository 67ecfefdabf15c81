// The one fix engine, as ESLint runs its fixers: in bounded passes, evaluate every object, plan
// its fixes, screen the changes, let an applier make those that fit together (text edits on a
// file, or JSON Patch operations on an object for kustomize and the webhook's /mutate), and go on
// until nothing more is planned. Appliers know how to change things; the engine decides what.
//
// Screening keeps the result honest and the engine settled (issue 11, item 8):
//   - a change that leaves the object as it is is no fix and is dropped;
//   - a fix whose changes would make the pod fail a level of the Pod Security Standards it passed
//     before, or fail a check of the standard it passed before (two fixes undoing each other), is
//     held back and reported, never applied. Both rules look only at the object as it stands, so fixing
//     the engine's own output finds nothing more to do.

import { evaluateObject, type EvaluationSettings, type ObjectVerdict } from '../../engine/evaluate';
import type { KubeObject } from '../../k8s/types';
import { formatPath, parsePath } from '../../sources/positions';
import { applyChange, ChangeError, copyData, existingDepth, sameData, valueAt, type Change } from './change';
import type { AppliedChange } from './outcome';
import { openFindings, planObject, type FixOptions, type ObjectChange } from './plan';
import type { Level } from '../../pss/levels';
import { formatVersion, type PolicyVersion } from '../../pss/version';
import { strengths, weakerAtAny } from './strength';

/** Passes after which fixing stops even if changes remain (each pass re-checks everything). */
export const MAX_PASSES = 10;

/** One object as the engine sees it in a pass. */
export interface EngineObject {
  /** Stable across passes: which object this is (document and List item, or the only one). */
  readonly key: string;
  readonly object: KubeObject;
  readonly settings: EvaluationSettings;
}

/** A screened change of one object, numbered in the order it was planned. */
export interface PassChange {
  readonly key: string;
  readonly seq: number;
  readonly change: ObjectChange;
}

export interface PassResult {
  /** The changes made; the others are planned again next pass. */
  readonly made: readonly PassChange[];
  /** Changes that cannot be made, with why: [key, check, reason]. */
  readonly problems: readonly (readonly [string, string, string])[];
}

/** How one kind of target is changed. */
export interface Applier {
  /** The objects as they stand now. */
  objects(): readonly EngineObject[];
  /**
   * Makes what it can of this pass's changes (grouped by object, each object's in planned order);
   * `expected` is each changed object as the engine computed it with all its changes.
   * Returns a failure to stop fixing, with the target left as it was before this pass.
   */
  apply(changes: readonly PassChange[], expected: ReadonlyMap<string, KubeObject>, pass: number): PassResult | { readonly failure: string };
}

export interface EngineOptions extends FixOptions {
  /** Changes the target refuses outright (the webhook leaves seccomp fields to legacy annotations). */
  readonly accept?: (change: ObjectChange, obj: KubeObject) => boolean;
  /**
   * The versions at which a pod must not get weaker (default: the profile's). The webhook gives
   * every distinct version, since each namespace enforces its own.
   */
  readonly guardVersions?: readonly PolicyVersion[];
}

export interface EngineResult {
  readonly applied: ReadonlyMap<string, AppliedChange[]>;
  /** Why planned changes were not made, from the last pass that planned any: key → check → reasons. */
  readonly problems: ReadonlyMap<string, ReadonlyMap<string, string[]>>;
  /** Passes that changed something. */
  readonly passes: number;
  /** False when MAX_PASSES ran out with changes still planned. */
  readonly settled: boolean;
  /** Why fixing stopped early (the target keeps the passes before it). */
  readonly failure?: { readonly pass: number; readonly message: string };
}

/** Whether a change would alter `obj` at all (a set to the value already there is no change). */
function changes(obj: KubeObject, change: Change): boolean {
  const steps = parsePath(change.path);
  switch (change.op) {
    case 'set':
      return existingDepth(obj, steps) < steps.length || !sameData(valueAt(obj, steps), change.value);
    case 'remove':
      return existingDepth(obj, steps) === steps.length;
    case 'append':
      return true;
    case 'replaceEntry':
      return steps[steps.length - 1] !== change.key || !sameData(valueAt(obj, steps), change.value);
  }
}

/**
 * The Pod Security Standards checks an object fails. A fix that makes a pod fail a check of the
 * standard it passed is held back (two fixes would undo each other); a policy finding that a fix
 * brings up is left to that policy's own fix (running as non-root makes a low port need
 * NET_BIND_SERVICE, which the next pass adds).
 */
function failingChecks(verdict: ObjectVerdict | undefined): Set<string> {
  return new Set(
    verdict
      ? openFindings(verdict)
          .filter((f) => f.standard === 'pss')
          .map((f) => f.check)
      : [],
  );
}

interface Screened {
  readonly changes: ObjectChange[];
  readonly expected: KubeObject;
  readonly held: [string, string][];
}

/** One fix's changes to one object in a pass, with those that would change nothing left out. */
interface Group {
  readonly check: string;
  readonly changes: readonly ObjectChange[];
}

/** `obj` with the groups' changes made, or the problem of the first change that does not fit. */
function withGroups(obj: KubeObject, groups: readonly Group[]): { readonly obj: KubeObject } | { readonly problem: string; readonly check: string } {
  const next = copyData(obj) as Record<string, unknown>;
  for (const g of groups) {
    for (const c of g.changes) {
      try {
        applyChange(next, c.change);
      } catch (e) {
        if (!(e instanceof ChangeError)) throw e;
        return { problem: `cannot change ${formatPath(parsePath(c.change.path))}: ${e.message}`, check: g.check };
      }
    }
  }
  return { obj: next as KubeObject };
}

/** Why `after` is worse than the object it came from, or undefined when it is not. */
function worse(
  after: KubeObject,
  obj: EngineObject,
  before: ReadonlySet<string>,
  versions: readonly PolicyVersion[],
  levels: readonly (Level | undefined)[],
): string | undefined {
  const afterLevels = strengths(after, versions);
  const at = weakerAtAny(afterLevels, levels);
  if (at >= 0)
    return `its changes would weaken the pod: it passes ${levels[at]}:${formatVersion(versions[at]!)} now and would pass only ${afterLevels[at] ?? 'nothing'}`;
  const fresh = [...failingChecks(evaluateObject(after, obj.settings))].filter((c) => !before.has(c));
  if (fresh.length > 0) return `its changes would make the object fail ${fresh.join(', ')}, which it passes now (the fixes would undo each other)`;
  return undefined;
}

/**
 * The changes of one object that pass the screen. All fixes' changes are tried together first
 * (the usual case: one evaluation). When the result is worse than the object, the fixes whose
 * changes alone make it worse are held back, or failing that (only their combination does) the
 * last one, until what is left is no worse.
 */
function screen(obj: EngineObject, verdict: ObjectVerdict, planned: readonly ObjectChange[], guardVersions?: readonly PolicyVersion[]): Screened {
  const before = failingChecks(verdict);
  const versions = guardVersions ?? [obj.settings.profile.version];
  const levels = strengths(obj.object, versions);
  const held: [string, string][] = [];
  // Group by fix, in planned order; a change that would change nothing is no fix.
  let groups: Group[] = [];
  const probe = copyData(obj.object) as Record<string, unknown>;
  for (let i = 0; i < planned.length;) {
    const check = planned[i]!.check;
    const kept: ObjectChange[] = [];
    for (; i < planned.length && planned[i]!.check === check; i++) {
      const c = planned[i]!;
      if (!changes(probe as KubeObject, c.change)) continue;
      try {
        applyChange(probe, c.change);
      } catch (e) {
        if (!(e instanceof ChangeError)) throw e; // reported when the groups are applied below
      }
      kept.push(c);
    }
    if (kept.length > 0) groups.push({ check, changes: kept });
  }
  while (groups.length > 0) {
    const all = withGroups(obj.object, groups);
    if ('problem' in all) {
      held.push([all.check, all.problem]);
      groups = groups.filter((g) => g.check !== all.check);
      continue;
    }
    const why = worse(all.obj, obj, before, versions, levels);
    if (why === undefined) return { changes: groups.flatMap((g) => g.changes), expected: all.obj, held };
    const culprits = new Map<Group, string>();
    for (const g of groups) {
      const alone = withGroups(obj.object, [g]);
      const alsoWhy = 'problem' in alone ? alone.problem : worse(alone.obj, obj, before, versions, levels);
      if (alsoWhy !== undefined) culprits.set(g, alsoWhy);
    }
    if (culprits.size === 0) {
      const last = groups[groups.length - 1]!;
      culprits.set(last, `together with the other fixes' changes, ${why}`);
    }
    for (const [g, why] of culprits) held.push([g.check, why]);
    groups = groups.filter((g) => !culprits.has(g));
  }
  return { changes: [], expected: obj.object, held };
}

function addProblem(problems: Map<string, Map<string, string[]>>, key: string, check: string, reason: string): void {
  let byCheck = problems.get(key);
  if (!byCheck) problems.set(key, (byCheck = new Map()));
  const list = byCheck.get(check);
  if (list) list.push(reason);
  else byCheck.set(check, [reason]);
}

/** Fixes the applier's target in passes until nothing more is planned (or MAX_PASSES). */
export function runPasses(applier: Applier, options: EngineOptions): EngineResult {
  const applied = new Map<string, AppliedChange[]>();
  let problems = new Map<string, Map<string, string[]>>();
  let passes = 0;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const planned: PassChange[] = [];
    const expected = new Map<string, KubeObject>();
    problems = new Map();
    for (const obj of applier.objects()) {
      const verdict = evaluateObject(obj.object, obj.settings);
      if (!verdict || openFindings(verdict).length === 0) continue;
      const wanted: ObjectChange[] = [];
      for (const plan of planObject(obj.object, verdict, obj.settings.profile, options)) {
        for (const c of plan.changes) if (!options.accept || options.accept(c, obj.object)) wanted.push(c);
      }
      if (wanted.length === 0) continue;
      const s = screen(obj, verdict, wanted, options.guardVersions);
      for (const [check, reason] of s.held) addProblem(problems, obj.key, check, reason);
      if (s.changes.length === 0) continue;
      expected.set(obj.key, s.expected);
      for (const change of s.changes) planned.push({ key: obj.key, seq: planned.length, change });
    }
    if (planned.length === 0) return { applied, problems, passes, settled: true };
    const r = applier.apply(planned, expected, pass);
    if ('failure' in r) return { applied, problems, passes, settled: true, failure: { pass, message: r.failure } };
    for (const [key, check, reason] of r.problems) addProblem(problems, key, check, reason);
    if (r.made.length === 0) return { applied, problems, passes, settled: true };
    passes = pass;
    for (const m of [...r.made].sort((a, b) => a.seq - b.seq)) {
      let list = applied.get(m.key);
      if (!list) applied.set(m.key, (list = []));
      list.push({ ...m.change, pass });
    }
  }
  return { applied, problems, passes, settled: false };
}
