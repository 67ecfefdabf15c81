// Reads one YAML configuration document through the same reader as manifests
// (sources/read-yaml.ts), so podguard.yaml means what kubectl would read: `no` is false, `0755`
// is octal, `<<` merges as go-yaml v2 does. Keeps what is needed to point errors at lines: the
// plain value, parse errors with lines, and the line of any path.

import type { PositionTable } from '../sources/positions';
import { expandedSize, readYamlDocument } from '../sources/read-yaml';
import { splitDocuments } from '../sources/split-documents';

export type PathSegment = string | number;

export interface YamlSource {
  readonly value: unknown;
  readonly errors: readonly { line?: number; message: string }[];
  /** 1-based line of the value at `path` (or of its key, with `key`), the nearest existing ancestor otherwise. */
  lineOf(path: readonly PathSegment[], key?: boolean): number | undefined;
}

/** Nodes a configuration may expand to through aliases (it is written by hand: this is generous). */
const MAX_EXPANDED_NODES = 100_000;

export function readYaml(text: string): YamlSource {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const chunks = splitDocuments(text);
  const fail = (line: number | undefined, message: string): YamlSource => ({
    value: undefined,
    errors: [{ ...(line !== undefined ? { line } : {}), message }],
    lineOf: () => undefined,
  });
  if (chunks.length > 1) return fail(chunks[1]!.startLine + 1, 'a configuration file holds one YAML document; this one has more (---)');
  const chunk = chunks[0] ?? { text: '', startLine: 0 };
  const read = readYamlDocument(chunk.text, { repeatedKeys: 'error' });
  if ('error' in read) return fail(chunk.startLine + read.error.line + 1, read.error.message);
  const { value, positions, rootLine } = read.document;
  if (expandedSize(value, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
    return fail(
      chunk.startLine + Math.max(rootLine, 0) + 1,
      `the configuration expands to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes through YAML aliases`,
    );
  }
  const offset = chunk.startLine + 1;
  return {
    value: value ?? undefined,
    errors: [],
    lineOf(path, key = false) {
      return lineIn(positions, value, Math.max(rootLine, 0), path, key) + offset;
    },
  };
}

/** 0-based line of `path` (its key's line with `key`), or of its nearest existing ancestor. */
function lineIn(table: PositionTable, root: unknown, rootLine: number, path: readonly PathSegment[], key: boolean): number {
  let node: unknown = root;
  let line = rootLine;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (node === null || typeof node !== 'object') return line;
    const kids = table.get(node);
    if (Array.isArray(node)) {
      if (typeof seg !== 'number' || seg >= node.length) return line;
      if (kids && kids.length === node.length) line = kids[seg]!;
      node = node[seg];
      continue;
    }
    const name = String(seg);
    const keys = Object.keys(node);
    const index = keys.indexOf(name);
    if (index < 0) return line;
    if (kids && kids.length === keys.length * 2) line = kids[2 * index + (key && i === path.length - 1 ? 0 : 1)]!;
    node = (node as Record<string, unknown>)[name];
  }
  return line;
}
