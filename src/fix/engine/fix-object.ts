// Fixes one object in memory, for output that is not an edited file (kustomize patches): the fix
// engine's passes (engine/passes.ts) with its object applier, which records each change as JSON
// Patch operations against the object as it was when the change was made.

import type { EvaluationSettings } from '../../engine/evaluate';
import type { KubeObject } from '../../k8s/types';
import type { JsonPatchOp } from './json-patch';
import { ObjectApplier } from './object-applier';
import { runPasses, type EngineOptions } from './passes';
import type { AppliedChange } from './outcome';

export interface ObjectFixResult {
  readonly fixed: KubeObject;
  readonly applied: readonly AppliedChange[];
  readonly ops: readonly JsonPatchOp[];
  /** Changes that could not be made, by check id. */
  readonly problems: ReadonlyMap<string, string[]>;
  /** Each applied change's operations, in the order of `applied`. */
  readonly opsOf: readonly (readonly JsonPatchOp[])[];
}

export function fixObject(obj: KubeObject, settings: EvaluationSettings, options: EngineOptions): ObjectFixResult {
  const applier = new ObjectApplier(obj, settings);
  const r = runPasses(applier, options);
  const applied = r.applied.get('') ?? [];
  const opsOf = [...applier.opsByChange.values()];
  return { fixed: applier.object, applied, ops: applier.ops, problems: r.problems.get('') ?? new Map(), opsOf };
}
