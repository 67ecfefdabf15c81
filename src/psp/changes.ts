// What PodSecurityPolicy wrote into a pod, as fixer changes (src/fix/engine/change.ts): every value
// the admitted pod has that the submitted pod lacks or holds differently. PSP only ever adds values
// (defaults), so `set` operations say it all; a list it changed (capabilities) is set whole. The
// `kubernetes.io/psp` annotation is the plugin's bookkeeping and is never written back.

import type { Change, JsonValue } from '../fix/engine/change';
import { formatPath, type PathStep } from '../sources/positions';
import { VALIDATED_PSP_ANNOTATION } from './model';
import { asObject, semanticEqual, type Json } from './strategies/pod-json';

function walk(before: Json, after: Json, steps: PathStep[], out: Change[]): void {
  for (const [k, v] of Object.entries(after)) {
    const here = [...steps, k];
    if (here.length === 3 && here[0] === 'metadata' && here[1] === 'annotations' && k === VALIDATED_PSP_ANNOTATION) continue;
    const old = before[k];
    if (semanticEqual(old, v)) continue;
    const vo = asObject(v);
    const oo = asObject(old) ?? (old === undefined || old === null ? {} : undefined);
    // Into a mapping that is missing, leaf by leaf: setting a leaf creates its parents.
    if (vo && oo && Object.keys(vo).length > 0) walk(oo, vo, here, out);
    else if (Array.isArray(v) && Array.isArray(old) && v.length === old.length && k !== 'add' && k !== 'drop') {
      v.forEach((item, i) => {
        const io = asObject(item);
        const ob = asObject(old[i]);
        if (io && ob) walk(ob, io, [...here, i], out);
        else if (!semanticEqual(old[i], item)) out.push({ op: 'set', path: formatPath([...here, i]), value: item as JsonValue });
      });
    } else out.push({ op: 'set', path: formatPath(here), value: v as JsonValue });
  }
}

/** The changes that turn pod `before` (metadata and spec) into `after`, with paths relative to the pod. */
export function podChanges(before: Json, after: Json): Change[] {
  const out: Change[] = [];
  walk({ metadata: before.metadata ?? {}, spec: before.spec ?? {} }, { metadata: after.metadata ?? {}, spec: after.spec ?? {} }, [], out);
  return out;
}
