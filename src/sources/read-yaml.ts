// The one YAML reader: one document's text to the value kubectl would send (sigs.k8s.io/yaml
// semantics: YAML 1.1 scalars, go-yaml v2 merge keys, no custom tags), with the line of every
// field. Manifests (parse-documents.ts) and podguard's own configuration (config/yaml-source.ts)
// both read through it, so `no` is false and `<<` merges the same way in both.

import yaml from 'js-yaml';
import { applyMergeKeys, MergeKeyError } from './merge-keys';
import { recordPositions, type PositionTable } from './positions';
import { K8S_SCHEMA } from './yaml-schema';

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

/** Reads one YAML document (the text must hold at most one; split a stream first). */
export function readYamlDocument(text: string, file?: string): { document: YamlDocument } | { error: YamlReadError } {
  // Recording each mapping's children costs time on every node; only merge keys need them.
  const merges = text.includes('<<');
  const recorder = recordPositions(merges);
  let value: unknown;
  try {
    value = yaml.load(text, { schema: K8S_SCHEMA, ...(file !== undefined ? { filename: file } : {}), listener: recorder.listener });
    if (merges) applyMergeKeys(recorder.closed, recorder.children!, recorder.table);
  } catch (e) {
    if (e instanceof yaml.YAMLException) {
      const mark = (e as yaml.YAMLException & { mark?: { line: number } }).mark;
      return { error: { line: mark ? mark.line : 0, message: `invalid YAML: ${firstLine(e.reason || e.message)}` } };
    }
    if (e instanceof MergeKeyError) return { error: { line: e.line, message: `invalid YAML: ${e.message}` } };
    if (e instanceof RangeError) return { error: { line: 0, message: 'document is nested too deeply to read' } };
    throw e;
  }
  return { document: { value, positions: recorder.table, rootLine: recorder.rootLine() } };
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
