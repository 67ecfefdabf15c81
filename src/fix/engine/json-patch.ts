// Changes as RFC 6902 JSON Patch operations, for tools that apply patches to objects rather than
// edit files: kustomize's patches (kustomize.ts) and, later, a mutating admission webhook. Each
// change is turned into operations against the object as it is at that moment, so a sequence of
// changes becomes a sequence of operations that applies in order.

import { formatPath, parsePath, type PathStep } from '../../sources/positions';
import { ChangeError, existingDepth, nest, valueAt, type Change, type JsonValue } from './change';

export type JsonPatchOp =
  { readonly op: 'add' | 'replace'; readonly path: string; readonly value: JsonValue } | { readonly op: 'remove'; readonly path: string };

/** `spec.containers[0]` → `/spec/containers/0` (RFC 6901 escaping). */
export function jsonPointer(steps: readonly PathStep[]): string {
  return steps.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function setOps(obj: unknown, steps: readonly PathStep[], value: JsonValue): JsonPatchOp[] {
  const depth = existingDepth(obj, steps);
  if (depth === steps.length) return [{ op: 'replace', path: jsonPointer(steps), value }];
  if (steps.slice(depth).some((s) => typeof s === 'number')) throw new ChangeError(`${formatPath(steps)}: a sequence item it needs does not exist`);
  // A null on the way is replaced by the nested value; otherwise the first missing key is added.
  if (depth > 0 && valueAt(obj, steps.slice(0, depth)) === null)
    return [{ op: 'replace', path: jsonPointer(steps.slice(0, depth)), value: nest(steps.slice(depth), value) }];
  return [{ op: 'add', path: jsonPointer(steps.slice(0, depth + 1)), value: nest(steps.slice(depth + 1), value) }];
}

/** The operations that make `change` in `obj` as it is now (obj is not modified). */
export function toJsonPatch(obj: unknown, change: Change): JsonPatchOp[] {
  const steps = parsePath(change.path);
  switch (change.op) {
    case 'set':
      return setOps(obj, steps, change.value);
    case 'remove':
      return existingDepth(obj, steps) < steps.length ? [] : [{ op: 'remove', path: jsonPointer(steps) }];
    case 'append': {
      const list = valueAt(obj, steps);
      if (Array.isArray(list)) return [{ op: 'add', path: `${jsonPointer(steps)}/-`, value: change.value }];
      return setOps(obj, steps, [change.value]);
    }
    case 'replaceEntry':
      return [
        { op: 'remove', path: jsonPointer(steps) },
        { op: 'add', path: jsonPointer([...steps.slice(0, -1), change.key]), value: change.value },
      ];
  }
}
