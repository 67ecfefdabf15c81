// cel-go's ext.Lists at version 3, which Kubernetes enables from v1.34
// (k8s.io/apiserver/pkg/cel/environment/base.go: ext.Lists(ext.ListsVersion(3))); semantics and
// error texts from github.com/google/cel-go@v0.29.2 ext/lists.go: slice (v0), flatten (v1),
// sort, lists.range, reverse, distinct and the sortBy macro (v2).

import { charge, sizeCost } from '../cost';
import { celEqual, celKey } from '../values';
import type { AstNode, Checker, Evaluator, MacroCall, Registrar, Scope } from './types';

/** The kind and order of a comparable CEL value (ext/lists.go comparableTypes), or undefined. */
function sortable(x: unknown): { kind: string; key: bigint | number | string | boolean } | undefined {
  if (typeof x === 'bigint' || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return { kind: typeof x, key: x };
  if (x instanceof Date) return { kind: 'timestamp', key: x.getTime() };
  if (x instanceof Uint8Array) return { kind: 'bytes', key: Buffer.from(x).toString('latin1') };
  const name = (x as { constructor?: { name?: string } } | null | undefined)?.constructor?.name;
  if (name === 'UnsignedInt' || name === 'Duration') return { kind: name, key: (x as { valueOf(): bigint | number }).valueOf() };
  return undefined;
}

/**
 * ext/lists.go sortListByAssociatedKeys: the list in the order of its keys, which must be of one
 * comparable type; sort() is the list sorted by itself.
 */
function sortByKeys(l: unknown[], keys: unknown[]): unknown[] {
  if (l.length === 0) return l;
  const first = sortable(keys[0]);
  if (first === undefined) throw new Error('list elements must be comparable');
  const keyed = l.map((x, i) => {
    const s = sortable(keys[i]);
    if (s?.kind !== first.kind) throw new Error('list elements must have the same type');
    return { x, key: s.key };
  });
  // Array.prototype.sort is stable and O(n log n); strings compare by UTF-16 code units, as
  // cel-go's string comparison does for the BMP.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.x);
}

const sortList = (l: unknown[]) => sortByKeys(l, l);

/** The key types @sortByAssociatedKeys has overloads for (ext/lists.go comparableTypes), and dyn. */
const SORT_KEY_TYPES = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'google.protobuf.Duration', 'google.protobuf.Timestamp', 'dyn']);

type TypeDecl = { kind: string; name?: string; valueType?: TypeDecl };

/**
 * `list.sortBy(e, key)`: cel-go expands it to `list.@sortByAssociatedKeys(list.map(e, key))`
 * (ext/lists.go sortByMacro), so the receiver is evaluated once, every key is computed (and
 * charged) before sorting, and a key of a type without an ordering fails the type check.
 */
function sortByMacro({ args, receiver }: MacroCall) {
  let name = '';
  let listType: TypeDecl | undefined;
  let element: TypeDecl | undefined;
  return {
    typeCheck(checker: Checker, _m: unknown, ctx: Scope) {
      if (args[0]?.op !== 'id' || typeof args[0].args !== 'string')
        throw checker.createError('invalid_macro_argument', 'argument is not an identifier', args[0]);
      name = args[0].args;
      if (receiver.op === 'value' || receiver.op === 'map') {
        throw checker.createError(
          'invalid_macro_argument',
          'sortBy can only be applied to a list, identifier, comprehension, call or select expression',
          receiver,
        );
      }
      listType = checker.check(receiver, ctx) as TypeDecl;
      element = listType.kind === 'list' ? listType.valueType : listType;
      const keyType = checker.check(args[1]!, ctx.forkWithVariable(name, element)) as TypeDecl;
      if (listType.kind !== 'list' && listType.kind !== 'dyn') {
        throw checker.createError('invalid_macro_argument', `sortBy() receiver must be a list, got '${listType.name ?? listType.kind}'`, receiver);
      }
      const keyName = keyType.kind === 'dyn' || keyType.kind === 'param' ? 'dyn' : (keyType.name ?? keyType.kind);
      if (!SORT_KEY_TYPES.has(keyName)) {
        throw checker.createError('no_matching_overload', `found no matching overload for '@sortByAssociatedKeys' with key of type '${keyName}'`, args[1]);
      }
      return listType.kind === 'list' ? listType : checker.getType('list');
    },
    evaluate(ev: Evaluator, _m: unknown, ctx: Scope) {
      const l = ev.run(receiver, ctx);
      if (!Array.isArray(l))
        throw ev.createError('invalid_comprehension_range', 'cannot be range of a comprehension (must be list, map, or dynamic)', receiver);
      const scope = ctx.forkWithVariable(name, element);
      const keys = l.map((x) => {
        charge(1);
        return ev.run(args[1] as AstNode, scope.setIterValue(x, ev));
      });
      charge(sizeCost(l.length) * Math.max(1, Math.ceil(Math.log2(l.length + 1))));
      return sortByKeys(l, keys);
    },
  };
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
  env.registerFunction('list.sortBy(ast, ast): list<dyn>', sortByMacro);
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
