// cel-go's ext.Lists at version 3, which Kubernetes enables from v1.34
// (k8s.io/apiserver/pkg/cel/environment/base.go: ext.Lists(ext.ListsVersion(3))); semantics and
// error texts from github.com/google/cel-go@v0.29.2 ext/lists.go: slice (v0), flatten (v1),
// sort, lists.range, reverse, distinct (v2). The sortBy macro (v2) is not here yet: an
// expression using it fails to compile, never answers wrongly.

import { charge, sizeCost } from '../cost';
import { celEqual, celKey } from '../values';
import type { Registrar } from './types';

/** The kind and order of a comparable CEL value (ext/lists.go comparableTypes), or undefined. */
function sortable(x: unknown): { kind: string; key: bigint | number | string | boolean } | undefined {
  if (typeof x === 'bigint' || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return { kind: typeof x, key: x };
  if (x instanceof Date) return { kind: 'timestamp', key: x.getTime() };
  if (x instanceof Uint8Array) return { kind: 'bytes', key: Buffer.from(x).toString('latin1') };
  const name = (x as { constructor?: { name?: string } } | null | undefined)?.constructor?.name;
  if (name === 'UnsignedInt' || name === 'Duration') return { kind: name, key: (x as { valueOf(): bigint | number }).valueOf() };
  return undefined;
}

/** ext/lists.go sortListByAssociatedKeys: elements of one comparable type, in CEL's order. */
function sortList(l: unknown[]): unknown[] {
  if (l.length === 0) return l;
  const first = sortable(l[0]);
  if (first === undefined) throw new Error('list elements must be comparable');
  const keyed = l.map((x) => {
    const s = sortable(x);
    if (s?.kind !== first.kind) throw new Error('list elements must have the same type');
    return { x, key: s.key };
  });
  // Array.prototype.sort is stable and O(n log n); strings compare by UTF-16 code units, as
  // cel-go's string comparison does for the BMP.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.x);
}

/** distinct keeps the first of equal elements; primitives through a Set, so the common case is linear. */
function distinct(l: unknown[]): unknown[] {
  const seen = new Set<string>();
  const others: unknown[] = [];
  const out: unknown[] = [];
  for (const x of l) {
    const k = celKey(x);
    if (k !== undefined) {
      if (seen.has(k)) continue;
      seen.add(k);
    } else {
      if (others.some((y) => celEqual(x, y))) continue;
      others.push(x);
    }
    out.push(x);
  }
  return out;
}

function flatten(l: unknown[], depth: bigint): unknown[] {
  if (depth < 0n) throw new Error('level must be non-negative');
  const out: unknown[] = [];
  for (const x of l) {
    if (!Array.isArray(x) || depth === 0n) out.push(x);
    else for (const y of flatten(x, depth - 1n)) out.push(y);
  }
  return out;
}

export function registerExtLists(env: Registrar): void {
  env.registerFunction('list<A>.slice(int, int): list<A>', (l: unknown[], start: bigint, end: bigint) => {
    if (start < 0n || end < 0n) throw new Error(`cannot slice(${start}, ${end}), negative indexes not supported`);
    if (start > end) throw new Error(`cannot slice(${start}, ${end}), start index must be less than or equal to end index`);
    if (BigInt(l.length) < end) throw new Error(`cannot slice(${start}, ${end}), list is length ${l.length}`);
    charge(sizeCost(Number(end - start)));
    return l.slice(Number(start), Number(end));
  });
  env.registerFunction('list<list<A>>.flatten(): list<A>', (l: unknown[]) => {
    const out = flatten(l, 1n);
    charge(sizeCost(out.length));
    return out;
  });
  env.registerFunction('list<dyn>.flatten(int): list<dyn>', (l: unknown[], depth: bigint) => {
    const out = flatten(l, depth);
    charge(sizeCost(out.length));
    return out;
  });
  // A list of dyn (e.g. built by map over an object) sorts too, as cel-go's type check admits it;
  // registered first, so such a list does not resolve to the list<int> overload.
  for (const t of ['dyn', 'int', 'uint', 'double', 'string', 'bool']) {
    env.registerFunction(`list<${t}>.sort(): list<${t}>`, (l: unknown[]) => {
      charge(sizeCost(l.length) * Math.max(1, Math.ceil(Math.log2(l.length + 1))));
      return sortList(l);
    });
  }
  env.registerFunction('list<A>.reverse(): list<A>', (l: unknown[]) => (charge(sizeCost(l.length)), [...l].reverse()));
  env.registerFunction('list<A>.distinct(): list<A>', (l: unknown[]) => (charge(sizeCost(l.length)), distinct(l)));
  class ListsNamespace {}
  env.registerType('ListsNamespace', ListsNamespace);
  env.registerConstant('lists', 'ListsNamespace', new ListsNamespace());
  env.registerFunction('ListsNamespace.range(int): list<int>', (_n: unknown, n: bigint) => {
    if (n < 0n) throw new Error(`lists.range: size must be non-negative, got ${n}`);
    // Kubernetes sets no maximum size (genRange's maxSize 0); the cost limit bounds it, charged before allocating.
    charge(sizeCost(Number(n)));
    const out: bigint[] = [];
    for (let i = 0n; i < n; i++) out.push(i);
    return out;
  });
}
