// Fixes one object in memory, for output that is not an edited file (kustomize patches): the same
// passes as fix-source.ts — evaluate, plan, apply, re-check — with each change recorded as JSON
// Patch operations against the object as it was when the change was made.

import { evaluateObject, type EvaluationSettings } from '../engine/evaluate';
import type { KubeObject } from '../k8s/types';
import { parsePath } from '../sources/positions';
import { applyChange, ChangeError } from './change';
import { MAX_PASSES } from './fix-source';
import type { AppliedChange } from './outcome';
import { toJsonPatch, type JsonPatchOp } from './json-patch';
import { openFindings, planObject, type FixOptions } from './plan';

export interface ObjectFixResult {
  readonly fixed: KubeObject;
  readonly applied: readonly AppliedChange[];
  readonly ops: readonly JsonPatchOp[];
  /** Changes that could not be made, by check id. */
  readonly problems: ReadonlyMap<string, string[]>;
}

/** Whether one path is the other or lies inside it: their changes must not be made in the same pass. */
function overlaps(a: string, b: string): boolean {
  const x = parsePath(a);
  const y = parsePath(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  return true;
}

export function fixObject(obj: KubeObject, settings: EvaluationSettings, options: FixOptions): ObjectFixResult {
  // The object's namespace (hence its settings) never changes while fixing.
  const fixed = structuredClone(obj) as Record<string, unknown>;
  const applied: AppliedChange[] = [];
  const ops: JsonPatchOp[] = [];
  let problems = new Map<string, string[]>();
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const verdict = evaluateObject(fixed, settings);
    if (!verdict || openFindings(verdict).length === 0) break;
    problems = new Map();
    const taken: { check: string; path: string }[] = [];
    let progress = false;
    for (const plan of planObject(fixed, verdict, settings.profile, options)) {
      for (const c of plan.changes) {
        // Changes of one fix are planned to apply in order; another fix's change to the same place waits a pass.
        if (taken.some((t) => t.check !== c.check && overlaps(t.path, c.change.path))) continue;
        try {
          const patch = toJsonPatch(fixed, c.change);
          applyChange(fixed, c.change);
          ops.push(...patch);
          applied.push({ ...c, pass });
          taken.push({ check: c.check, path: c.change.path });
          progress = true;
        } catch (e) {
          if (!(e instanceof ChangeError)) throw e;
          problems.set(c.check, [...(problems.get(c.check) ?? []), e.message]);
        }
      }
    }
    if (!progress) break;
  }
  return { fixed: fixed as KubeObject, applied, ops, problems };
}
