// The one YAML reader: one document's text to the value kubectl would send (sigs.k8s.io/yaml
// semantics: YAML 1.1 scalars, go-yaml v2 merge keys, no custom tags), with the line of every
// field. Manifests (parse-documents.ts) and podguard's own configuration (config/yaml-source.ts)
// both read through it, so `no` is false and `<<` merges the same way in both.

import yaml from 'js-yaml';
import { applyMergeKeys, MergeKeyError } from './merge-keys';
import { recordPositions, type PositionTable } from './positions';
import { K8S_SCHEMA, nonFiniteCount } from './yaml-schema';

export interface YamlDocument {
  readonly value: unknown;
  /** Lines (0-based, relative to the text) of the children of every mapping and sequence. */
  readonly positions: PositionTable;
  /** 0-based line of the root node, -1 for an empty document. */
  readonly rootLine: number;
}

export interface YamlReadError {
  /** 0-based line relative to the text. */
  readonly line: number;
  /** Starts with "invalid YAML: " for syntax errors. */
  readonly message: string;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ \(\d+:\d+\)$/, '');
}

interface Loaded {
  readonly value: unknown;
  readonly recorder: ReturnType<typeof recordPositions>;
}

/**
 * go-yaml v2 binds an anchor when its node starts, so an anchor redefined inside its own node
 * (`a: &x {b: &x {}}`) names the inner node afterwards. js-yaml binds a collection's anchor at its
 * start too, but binds it again when the collection ends; this listener undoes that second
 * binding when a node opened inside it has redefined the name.
 */
function goAnchorBinding(): (event: yaml.EventType, state: yaml.State) => void {
  let opened = 0;
  const openedAt: number[] = [];
  let depth = 0;
  const latest = new Map<string, { opened: number; result: unknown }>();
  return (event, state) => {
    if (event === 'open') {
      openedAt[++depth] = ++opened;
      return;
    }
    const mine = openedAt[depth--]!;
    const anchor = (state as yaml.State & { anchor: string | null }).anchor;
    if (anchor === null || anchor === undefined) return;
    const prev = latest.get(anchor);
    const anchorMap = (state as yaml.State & { anchorMap: Record<string, unknown> }).anchorMap;
    if (prev !== undefined && prev.opened > mine) anchorMap[anchor] = prev.result;
    else latest.set(anchor, { opened: mine, result: state.result });
  };
}

function load(text: string, file: string | undefined, keepChildren: boolean, lastKeyWins: boolean): Loaded {
  const recorder = recordPositions(keepChildren);
  const anchors = text.includes('&') ? goAnchorBinding() : undefined;
  const listener = anchors
    ? (event: yaml.EventType, state: yaml.State) => {
        recorder.listener(event, state);
        anchors(event, state);
      }
    : recorder.listener;
  const value = yaml.load(text, {
    schema: K8S_SCHEMA,
    ...(file !== undefined ? { filename: file } : {}),
    listener,
    // js-yaml's `json` mode lets a repeated key overwrite the earlier one, as go-yaml v2 does.
    ...(lastKeyWins ? { json: true } : {}),
  });
  return { value, recorder };
}

function isDuplicateKey(e: unknown): boolean {
  return e instanceof yaml.YAMLException && /duplicated mapping key/.test(e.reason || e.message);
}

/**
 * Keys js-yaml turned into strings that go-yaml would not: a null key (`~: x` reads as "null")
 * or a mapping as a key. Only a mapping that holds such a property needs a second look.
 */
function maySpellOddKeys(table: PositionTable): boolean {
  for (const node of table.keys()) {
    if (!Array.isArray(node) && (Object.prototype.hasOwnProperty.call(node, 'null') || Object.prototype.hasOwnProperty.call(node, '[object Object]')))
      return true;
  }
  return false;
}

/** Whether a non-finite number survived into the value (a repeated key or a merge may have dropped it). */
function holdsNonFinite(value: unknown): boolean {
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number' && !Number.isFinite(v)) return true;
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push(x);
  }
  return false;
}

/**
 * A cheap look at the text before walking the mapping table: a null key is written with `~`,
 * `null` in some case, or an empty explicit key (`?`); a collection key needs `?` or a flow
 * collection (`{`, `[`). Most manifests have none of these.
 */
function mayHoldOddKeys(text: string): boolean {
  return text.includes('~') || text.includes('ull') || text.includes('ULL') || text.includes('?') || text.includes('{') || text.includes('[');
}

export interface ReadOptions {
  readonly file?: string;
  /**
   * A key written twice in one mapping: manifests are read as kubectl reads them (the last one
   * wins); configuration files as Kubernetes reads its own (strictly: an error).
   */
  readonly repeatedKeys?: 'last-wins' | 'error';
}

/** Reads one YAML document (the text must hold at most one; split a stream first). */
export function readYamlDocument(text: string, options: ReadOptions = {}): { document: YamlDocument } | { error: YamlReadError } {
  const file = options.file;
  // Recording each mapping's children costs time on every node, so it is done only for the
  // documents that need their mappings replayed in source order (merge-keys.ts): merge keys,
  // repeated keys, and keys that may be null. Those are rare; the others are read once.
  const nonFiniteBefore = nonFiniteCount();
  let replay = text.includes('<<');
  let loaded: Loaded;
  try {
    try {
      loaded = load(text, file, replay, false);
    } catch (e) {
      if (options.repeatedKeys === 'error' || !isDuplicateKey(e)) throw e;
      replay = true;
      loaded = load(text, file, true, true);
    }
    if (!replay && mayHoldOddKeys(text) && maySpellOddKeys(loaded.recorder.table)) {
      replay = true;
      loaded = load(text, file, true, false);
    }
    if (replay) applyMergeKeys(loaded.recorder.closed, loaded.recorder.children!, loaded.recorder.table);
  } catch (e) {
    if (e instanceof yaml.YAMLException) {
      const mark = (e as yaml.YAMLException & { mark?: { line: number } }).mark;
      return { error: { line: mark ? mark.line : 0, message: `invalid YAML: ${firstLine(e.reason || e.message)}` } };
    }
    if (e instanceof MergeKeyError) return { error: { line: e.line, message: `invalid YAML: ${e.message}` } };
    if (e instanceof RangeError) return { error: { line: 0, message: 'document is nested too deeply to read' } };
    throw e;
  }
  if (nonFiniteCount() !== nonFiniteBefore && holdsNonFinite(loaded.value)) {
    // sigs.k8s.io/yaml fails the same way ("json: unsupported value: +Inf"), so kubectl sends nothing.
    return { error: { line: 0, message: 'invalid YAML: .inf and .nan have no JSON form; kubectl refuses the document (json: unsupported value)' } };
  }
  return { document: { value: loaded.value, positions: loaded.recorder.table, rootLine: loaded.recorder.rootLine() } };
}

/** Counts the nodes a value expands to, following aliases, stopping early past `limit`. */
export function expandedSize(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= limit) {
    const v = stack.pop();
    count++;
    if (v !== null && typeof v === 'object') {
      if (Array.isArray(v)) for (const x of v) stack.push(x);
      else for (const k in v) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return count;
}
