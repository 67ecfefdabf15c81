// The engine's applier for objects in memory (kustomize patches, the webhook's /mutate): makes each
// change on a copy of the object and records it as RFC 6902 operations against the object as it
// was at that moment, so the operations apply in order. Within a pass, a fix's change to a place
// another fix already changed (the same path, or one inside the other) waits for the next pass,
// as overlapping text edits do.

import type { EvaluationSettings } from '../../engine/evaluate';
import type { KubeObject } from '../../k8s/types';
import { formatPath, parsePath, type PathStep } from '../../sources/positions';
import { applyChange, ChangeError, copyData } from './change';
import { toJsonPatch, type JsonPatchOp } from './json-patch';
import type { Applier, EngineObject, PassChange, PassResult } from './passes';

const KEY = '';

/**
 * Paths changed in this pass and by which fix, found in time proportional to a path's depth:
 * a path conflicts when it, or a path above it, was changed by another fix, or when another fix
 * changed something below it.
 */
class Claims {
  /** Changed paths → the fix that changed them ('*' for several). */
  private readonly exact = new Map<string, string>();
  /** Every path above a changed one → the fix ('*' for several). */
  private readonly above = new Map<string, string>();

  private static mark(map: Map<string, string>, path: string, check: string): void {
    const had = map.get(path);
    map.set(path, had === undefined || had === check ? check : '*');
  }

  private static other(map: Map<string, string>, path: string, check: string): boolean {
    const had = map.get(path);
    return had !== undefined && had !== check;
  }

  conflicts(steps: readonly PathStep[], check: string): boolean {
    for (let i = 1; i <= steps.length; i++) if (Claims.other(this.exact, formatPath(steps.slice(0, i)), check)) return true;
    return Claims.other(this.above, formatPath(steps), check);
  }

  claim(steps: readonly PathStep[], check: string): void {
    Claims.mark(this.exact, formatPath(steps), check);
    for (let i = 1; i < steps.length; i++) Claims.mark(this.above, formatPath(steps.slice(0, i)), check);
  }
}

export class ObjectApplier implements Applier {
  private readonly working: Record<string, unknown>;
  /** The operations that made each change, in order. */
  readonly ops: JsonPatchOp[] = [];
  readonly opsByChange = new Map<PassChange, readonly JsonPatchOp[]>();

  constructor(
    obj: KubeObject,
    private readonly settings: EvaluationSettings,
  ) {
    // The object's namespace (hence its settings) never changes while fixing.
    this.working = copyData(obj) as Record<string, unknown>;
  }

  get object(): KubeObject {
    return this.working as KubeObject;
  }

  objects(): readonly EngineObject[] {
    return [{ key: KEY, object: this.object, settings: this.settings }];
  }

  apply(changes: readonly PassChange[]): PassResult {
    const claims = new Claims();
    const made: PassChange[] = [];
    const problems: [string, string, string][] = [];
    for (const c of changes) {
      const steps = parsePath(c.change.change.path);
      if (claims.conflicts(steps, c.change.check)) continue;
      try {
        const patch = toJsonPatch(this.working, c.change.change);
        applyChange(this.working, c.change.change);
        this.ops.push(...patch);
        this.opsByChange.set(c, patch);
        made.push(c);
        claims.claim(steps, c.change.check);
      } catch (e) {
        if (!(e instanceof ChangeError)) throw e;
        problems.push([c.key, c.change.check, e.message]);
      }
    }
    return { made, problems };
  }
}
