// What a fix wants changed, as data: a few path-based operations on one object. The same change
// list drives every way of applying it — minimal text edits on the user's YAML or JSON
// (source/edits.ts), RFC 6902 patches for kustomize (json-patch.ts) and, here, the plain object —
// so a fix is written once and its effect can be checked against a re-parse of the edited text.

import { formatPath, parsePath, type PathStep } from '../../sources/positions';
import { isMapping } from '../../k8s/types';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type Change =
  /** Set the value at `path`, creating missing parent mappings. */
  | { readonly op: 'set'; readonly path: string; readonly value: JsonValue }
  /** Delete a mapping entry or a sequence item; nothing happens when it is absent. */
  | { readonly op: 'remove'; readonly path: string }
  /** Add an item at the end of the sequence at `path`, creating the sequence when missing. */
  | { readonly op: 'append'; readonly path: string; readonly value: JsonValue }
  /** Swap the mapping entry at `path` for `key: value`, in the same place. */
  | { readonly op: 'replaceEntry'; readonly path: string; readonly key: string; readonly value: JsonValue };

/** The same change, with `prefix` (an object path such as `spec.template.` or `items[2].`) before its path. */
export function prefixChange(change: Change, prefix: string): Change {
  return prefix === '' ? change : { ...change, path: prefix + change.path };
}

type Container = Record<string, unknown> | unknown[];

function has(node: unknown, step: PathStep): boolean {
  if (typeof step === 'number') return Array.isArray(node) && step < node.length;
  return isMapping(node) && Object.prototype.hasOwnProperty.call(node, step);
}

function child(node: unknown, step: PathStep): unknown {
  return typeof step === 'number' ? (node as unknown[])[step] : (node as Record<string, unknown>)[step];
}

/** The value at `path`, or undefined when any step is missing. */
export function valueAt(root: unknown, path: string | readonly PathStep[]): unknown {
  let node = root;
  for (const step of typeof path === 'string' ? parsePath(path) : path) {
    if (!has(node, step)) return undefined;
    node = child(node, step);
  }
  return node;
}

/** How many leading steps of `path` exist in `root`. */
export function existingDepth(root: unknown, steps: readonly PathStep[]): number {
  let node = root;
  let depth = 0;
  for (const step of steps) {
    if (!has(node, step)) break;
    node = child(node, step);
    depth++;
  }
  return depth;
}

/** `value` wrapped in mappings for the missing `steps`: (['a','b'], 1) → {a: {b: 1}}. */
export function nest(steps: readonly PathStep[], value: JsonValue): JsonValue {
  let out = value;
  for (let i = steps.length - 1; i >= 0; i--) out = { [String(steps[i])]: out };
  return out;
}

export class ChangeError extends Error {}

/**
 * Applies one change to a plain object in place, with the meaning the text editor gives it. Throws
 * ChangeError when the path cannot hold the change (a missing sequence item, a scalar in the way).
 */
export function applyChange(root: Record<string, unknown>, change: Change): void {
  const steps = parsePath(change.path);
  if (steps.length === 0) throw new ChangeError('empty path');
  const parentSteps = steps.slice(0, -1);
  const last = steps[steps.length - 1]!;
  const where = formatPath(steps);
  switch (change.op) {
    case 'set':
    case 'append': {
      // Walk to the parent, creating mappings where the path is missing or null.
      let node: unknown = root;
      for (let i = 0; i < parentSteps.length; i++) {
        const step = parentSteps[i]!;
        const next = has(node, step) ? child(node, step) : undefined;
        if (next === undefined || next === null) {
          if (typeof step === 'number' || !isMapping(node)) throw new ChangeError(`${formatPath(steps.slice(0, i + 1))} does not exist`);
          const created: Record<string, unknown> = {};
          node[step] = created;
          node = created;
        } else {
          if (typeof next !== 'object') throw new ChangeError(`${formatPath(steps.slice(0, i + 1))} is not a mapping or sequence`);
          node = next;
        }
      }
      const parent = node as Container;
      if (change.op === 'set') {
        if (typeof last === 'number') {
          if (!Array.isArray(parent) || last >= parent.length) throw new ChangeError(`${where} does not exist`);
          parent[last] = structuredClone(change.value);
        } else {
          if (!isMapping(parent)) throw new ChangeError(`${formatPath(parentSteps)} is not a mapping`);
          parent[last] = structuredClone(change.value);
        }
        return;
      }
      const current = has(parent, last) ? child(parent, last) : undefined;
      if (current === undefined || current === null) {
        if (typeof last === 'number' || !isMapping(parent)) throw new ChangeError(`${where} does not exist`);
        parent[last] = [structuredClone(change.value)];
      } else if (Array.isArray(current)) {
        current.push(structuredClone(change.value));
      } else {
        throw new ChangeError(`${where} is not a sequence`);
      }
      return;
    }
    case 'remove': {
      const parent = valueAt(root, parentSteps);
      if (!has(parent, last)) return;
      if (typeof last === 'number') (parent as unknown[]).splice(last, 1);
      else delete (parent as Record<string, unknown>)[last];
      return;
    }
    case 'replaceEntry': {
      const parent = valueAt(root, parentSteps);
      if (typeof last === 'number' || !isMapping(parent) || !has(parent, last)) throw new ChangeError(`${where} does not exist`);
      if (change.key !== last && has(parent, change.key)) throw new ChangeError(`${formatPath([...parentSteps, change.key])} already exists`);
      delete parent[last];
      parent[change.key] = structuredClone(change.value);
      return;
    }
  }
}

/** Deep equality of plain data, ignoring the order of mapping keys (which YAML does not give meaning). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameData(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * A deep copy of plain data in which nothing is shared: a YAML alias reads as one object in two
 * places, but a change to one place must not show in the other (the file is edited place by place).
 */
export function copyData<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => copyData(x)) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copyData((v as Record<string, unknown>)[k]);
  return out as T;
}
