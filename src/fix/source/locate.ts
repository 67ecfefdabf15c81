// Finds a JSON path (`spec.containers[0].securityContext`) among a composed document's nodes,
// step by step, stopping where the path leaves the source. Paths that run through an alias or a
// merge key are refused: editing a shared node would change every place that refers to it.

import { isAlias, isMap, isScalar, isSeq, type Pair, type ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { PathStep } from '../../sources/positions';

/** One level of a located path: the node reached, and where it sits in its parent. */
export interface Level {
  /** The node at this level; null when a mapping entry has no value node. */
  readonly node: ParsedNode | null;
  readonly parent?: YAMLMap<ParsedNode, ParsedNode | null> | YAMLSeq<ParsedNode | null>;
  /** Index of the entry (pair) or item in the parent. */
  readonly index?: number;
  readonly pair?: Pair<ParsedNode, ParsedNode | null>;
}

export type Located =
  /** `levels[0]` is the root; `levels.length - 1` steps of the path were found. */
  { readonly levels: readonly Level[] } | { readonly problem: string };

const MERGE_KEY = '<<';

function keyText(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  return isScalar(key) && key.value !== null && typeof key.value !== 'object' ? String(key.value) : undefined;
}

export function locate(root: ParsedNode | null, steps: readonly PathStep[]): Located {
  const levels: Level[] = [{ node: root }];
  let node: ParsedNode | null = root;
  for (const step of steps) {
    if (node === null) break;
    if (isAlias(node)) return { problem: `it is written through a YAML alias (*${node.source}), shared with other places` };
    if (node.anchor !== undefined && levels.length > 1) return { problem: `it is inside a YAML anchor (&${node.anchor}) shared with other places` };
    if (isMap(node) && typeof step === 'string') {
      const map = node as YAMLMap<ParsedNode, ParsedNode | null>;
      const index = map.items.findIndex((p) => keyText(p) === step);
      if (index < 0) {
        if (map.items.some((p) => keyText(p) === MERGE_KEY)) return { problem: 'its mapping takes keys from a YAML merge key (<<)' };
        break;
      }
      // kubectl (go-yaml v2) applies a mapping's entries in order, so a merge key written after
      // the key may override it: editing the key would then change nothing that kubectl reads.
      if (map.items.some((p, i) => i > index && keyText(p) === MERGE_KEY)) return { problem: 'a YAML merge key (<<) after it in its mapping may override it' };
      const pair = map.items[index]!;
      node = pair.value;
      levels.push({ node, parent: map, index, pair });
    } else if (isSeq(node) && typeof step === 'number') {
      const seq = node as YAMLSeq<ParsedNode | null>;
      if (step >= seq.items.length) break;
      node = seq.items[step]!;
      levels.push({ node, parent: seq, index: step });
    } else {
      break;
    }
  }
  const last = levels[levels.length - 1]!.node;
  if (last !== null && isAlias(last)) return { problem: `it is written through a YAML alias (*${last.source}), shared with other places` };
  if (last !== null && last.anchor !== undefined) return { problem: `it is a YAML anchor (&${last.anchor}) shared with other places` };
  return { levels };
}
