// YAML merge keys (`<<`) applied exactly as kubectl reads them. kubectl and the API server turn
// YAML into JSON with sigs.k8s.io/yaml, which decodes with go-yaml v2 (go.yaml.in/yaml/v2,
// decode.go `mapping` and `merge`): the entries of a mapping are applied in the order written,
// each into the same map, so
//   - an explicit key overrides what a merge before it set, and a merge overrides explicit keys
//     written before it (`privileged: false` then `<<: {privileged: true}` is privileged);
//   - `<<: [*a, *b]` applies the list backwards ("earlier nodes take precedence"): *a wins over *b;
//   - a merged mapping brings its own merges already applied (it is decoded the same way);
//   - a merge value that is not a mapping or a list of mappings is an error ("map merge requires
//     map or sequence of maps as the value").
// js-yaml's built-in merge lets the first writer win instead, so the schema turns every plain `<<`
// into a marker key (yaml-schema.ts) and this module replays each mapping's entries in source
// order, innermost mappings first, rewriting the mapping in place (the position table is keyed by
// object identity) together with its line table.

import type { ChildrenTable, PositionTable } from './positions';
import { isMergeMarker } from './yaml-schema';

/** go-yaml v2's wording (failWantMap). */
export const WANT_MAP = 'map merge requires map or sequence of maps as the value';

/** Entries copied by merges per document before it is refused, like an alias bomb. */
export const MAX_MERGED_ENTRIES = 1_000_000;

interface Entry {
  value: unknown;
  keyLine: number;
  valueLine: number;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** js-yaml's conversion of a key to a property name (storeMappingPair). */
function keyName(key: unknown): string {
  return key !== null && typeof key === 'object' && !Array.isArray(key) ? '[object Object]' : String(key);
}

export class MergeKeyError extends Error {
  constructor(
    message: string,
    /** 0-based line in the document. */
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Applies every merge key in a document. `closed` lists the containers in the order the reader
 * finished them (inner before outer, an anchor before its aliases), `children` their entries in
 * source order. Throws MergeKeyError for a merge go-yaml v2 refuses.
 */
export function applyMergeKeys(closed: readonly object[], children: ChildrenTable, table: PositionTable): void {
  const done = new Set<object>();
  let copied = 0;
  /** The entries of an already resolved mapping, with the lines where each is written. */
  const entriesOf = (source: Record<string, unknown>, fallbackLine: number): [string, Entry][] => {
    const lines = table.get(source);
    const keys = Object.keys(source);
    const exact = lines !== undefined && lines.length === keys.length * 2;
    copied += keys.length;
    if (copied > MAX_MERGED_ENTRIES)
      throw new MergeKeyError(
        `document copies more than ${MAX_MERGED_ENTRIES.toLocaleString('en-US')} entries through merge keys; not evaluated`,
        fallbackLine,
      );
    return keys.map((k, i) => [k, { value: source[k], keyLine: exact ? lines[2 * i]! : fallbackLine, valueLine: exact ? lines[2 * i + 1]! : fallbackLine }]);
  };
  for (const node of closed) {
    const kids = children.get(node);
    if (!kids) continue;
    if (Array.isArray(node)) {
      // A plain `<<` as a list item is the string "<<".
      for (let i = 0; i < node.length; i++) if (isMergeMarker(node[i])) node[i] = '<<';
      done.add(node);
      continue;
    }
    const map = node as Record<string, unknown>;
    const lines = table.get(map) ?? [];
    let hasMerge = false;
    for (let i = 0; i < kids.length; i += 2) {
      const key = kids[i];
      if (isMergeMarker(key)) hasMerge = true;
      // sigs.k8s.io/yaml turns keys into JSON strings and refuses null and collection keys
      // ("unsupported map key"); js-yaml would have written "null" or "[object Object]".
      else if (key === null || typeof key === 'object')
        throw new MergeKeyError(`unsupported map key ${key === null ? 'null' : 'that is a collection'}: kubectl refuses the document`, lines[i] ?? 0);
    }
    // A key written twice: the object holds fewer keys than the entries written (the last one wins).
    const repeated = kids.length !== Object.keys(map).length * 2;
    if (!hasMerge && !repeated) {
      for (const k of Object.keys(map)) if (isMergeMarker(map[k])) map[k] = '<<';
      done.add(map);
      continue;
    }
    const result = new Map<string, Entry>();
    const mergeFrom = (source: unknown, line: number) => {
      if (!isMap(source)) throw new MergeKeyError(WANT_MAP, line);
      if (!done.has(source) && children.has(source)) throw new MergeKeyError(`${WANT_MAP} (a mapping cannot merge itself)`, line);
      for (const [k, e] of entriesOf(source, line)) result.set(k, e);
    };
    for (let i = 0; i + 1 < kids.length; i += 2) {
      const key = kids[i];
      const keyLine = lines[i] ?? 0;
      const valueLine = lines[i + 1] ?? keyLine;
      if (isMergeMarker(key)) {
        const source = map[key as string];
        if (Array.isArray(source)) {
          for (let j = source.length - 1; j >= 0; j--) mergeFrom(source[j], valueLine);
        } else {
          mergeFrom(source, valueLine);
        }
        continue;
      }
      const name = keyName(key);
      const value = map[name];
      result.set(name, { value: isMergeMarker(value) ? '<<' : value, keyLine, valueLine });
    }
    for (const k of Object.keys(map)) delete map[k];
    for (const [k, e] of result) map[k] = e.value;
    // Lines in the order the rewritten object now lists its keys.
    const rebuilt: number[] = [];
    for (const k of Object.keys(map)) {
      const e = result.get(k)!;
      rebuilt.push(e.keyLine, e.valueLine);
    }
    table.set(map, rebuilt);
    done.add(map);
  }
}
