// Source positions for parsed YAML and JSON, recorded while js-yaml builds the objects.
// js-yaml calls a listener when it opens and closes every node; for each mapping and sequence we
// keep the 0-based lines at which its children start. A mapping's children alternate key, value,
// so entry i starts at line children[2i]; a sequence's item i at children[i]. Nothing is stored
// for scalars, and the table is keyed by object identity, so lookups need no path strings.

import type yaml from 'js-yaml';

export type PositionTable = Map<object, number[]>;

/** The children of each mapping and sequence as built, in source order (mappings: key, value, key, …). */
export type ChildrenTable = Map<object, unknown[]>;

export interface PositionRecorder {
  readonly table: PositionTable;
  /** Only with `keepChildren`; also lists every container in the order it was closed (inner first). */
  readonly children: ChildrenTable | undefined;
  readonly closed: object[];
  /** Pass to js-yaml's load options. */
  readonly listener: (event: yaml.EventType, state: yaml.State) => void;
  /** 0-based line of the document's root node (-1 before it is read). */
  rootLine(): number;
}

/**
 * Collects positions for one document. A plain closure, not a class: the listener runs twice for
 * every node of every document, and measured ~15% slower as a method-holding class instance.
 */
export function recordPositions(keepChildren = false): PositionRecorder {
  const table: PositionTable = new Map();
  const children: ChildrenTable | undefined = keepChildren ? new Map() : undefined;
  const closed: object[] = [];
  const lines: number[] = [];
  const kids: (number[] | null)[] = [];
  // Children's values, kept only for documents with merge keys (see merge-keys.ts), whose
  // meaning depends on the order of keys, which a JavaScript object does not keep for
  // integer-like keys.
  const values: (unknown[] | null)[] = [];
  let depth = 0;
  let rootLine = -1;
  let lastSet: unknown;
  const listener = (event: yaml.EventType, state: yaml.State): void => {
    if (event === 'open') {
      const d = ++depth;
      lines[d] = state.line;
      kids[d] = null;
      if (children) values[d] = null;
      if (d === 1 && rootLine < 0) rootLine = state.line;
      return;
    }
    const d = depth--;
    const own = kids[d]!;
    // Only containers with children need an entry. A node that merely wraps its single child
    // yields the child's object again (skip: the child recorded it); an alias has no children
    // (skip: its anchor recorded the object).
    if (own !== null) {
      const result = state.result as unknown;
      if (result !== lastSet && result !== null && typeof result === 'object') {
        table.set(result, own);
        lastSet = result;
        if (children) {
          children.set(result, values[d]!);
          closed.push(result);
        }
      }
    }
    if (d > 1) {
      const parent = kids[d - 1];
      if (parent === null) kids[d - 1] = [lines[d]!];
      else parent!.push(lines[d]!);
      if (children) {
        const siblings = values[d - 1];
        if (siblings === null) values[d - 1] = [state.result];
        else siblings!.push(state.result);
      }
    }
  };
  return { table, children, closed, listener, rootLine: () => rootLine };
}

/** One step of a JSON path: a mapping key or a sequence index. */
export type PathStep = string | number;

// Checks report the same few paths over and over; parse each once, and keep the text of each
// prefix so that a path cut short at a missing field needs no formatting either.
interface ParsedPath {
  readonly steps: readonly PathStep[];
  /** prefixes[d] is the path of the first d steps, computed on first use. */
  readonly prefixes: (string | undefined)[];
}
const parsedPaths = new Map<string, ParsedPath>();
const MAX_CACHED_PATHS = 10_000;

function parsedPath(path: string): ParsedPath {
  let p = parsedPaths.get(path);
  if (p === undefined) {
    const steps = parsePathUncached(path);
    p = { steps, prefixes: [] };
    p.prefixes[steps.length] = path;
    if (parsedPaths.size < MAX_CACHED_PATHS) parsedPaths.set(path, p);
  }
  return p;
}

/** `spec.containers[0].securityContext` → ['spec', 'containers', 0, 'securityContext']. */
export function parsePath(path: string): readonly PathStep[] {
  return parsedPath(path).steps;
}

function parsePathUncached(path: string): PathStep[] {
  const steps: PathStep[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (let m = re.exec(path); m !== null; m = re.exec(path)) {
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else steps.push(JSON.parse(`"${m[3]}"`) as string);
  }
  return steps;
}

export function formatPath(steps: readonly PathStep[]): string {
  let out = '';
  for (const s of steps) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export interface Located {
  /** The deepest prefix of the requested path that exists in the object. */
  readonly path: string;
  /** 0-based line of that field (its key, for a mapping entry), or -1 when unknown. */
  readonly line: number;
}

/**
 * Finds where `path` (relative to `root`) is written. A path to a field that is absent resolves
 * to its nearest existing ancestor, which is where a user would add it.
 */
export function locate(table: PositionTable | undefined, root: unknown, rootLine: number, path: string): Located {
  const parsed = parsedPath(path);
  const steps = parsed.steps;
  let node: unknown = root;
  let line = rootLine;
  let depth = 0;
  for (const step of steps) {
    if (node === null || typeof node !== 'object') break;
    const kids = table?.get(node);
    if (typeof step === 'number') {
      if (!Array.isArray(node) || step >= node.length) break;
      if (kids && kids.length === node.length) line = kids[step]!;
      node = node[step];
    } else {
      if (Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, step)) break;
      if (kids) {
        // The key's index among the mapping's keys, without allocating Object.keys().
        let index = -1;
        let count = 0;
        for (const k in node) {
          if (k === step) index = count;
          count++;
        }
        // Merge keys (`<<`) make keys and children disagree; keep the mapping's own line then.
        if (kids.length === count * 2) line = kids[index * 2]!;
      }
      node = (node as Record<string, unknown>)[step];
    }
    depth++;
  }
  const prefix = (parsed.prefixes[depth] ??= formatPath(steps.slice(0, depth)));
  return { path: prefix, line };
}
