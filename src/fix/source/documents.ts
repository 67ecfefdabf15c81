// The user's file as the fixer edits it: the same documents the scanner reads (split by
// sources/split-documents.ts, so document numbers agree), each composed by the `yaml` package with
// its source tokens kept, so every node knows its exact offsets. Nothing here re-serialises
// anything: edits are computed against these offsets and spliced into the original text.

import { Composer, isMap, isPair, isScalar, isSeq, Parser, type Document, type Node, type ParsedNode } from 'yaml';
import { splitDocuments } from '../../sources/split-documents';
import { columnOf, leadingSpace, lineBreakOf } from './text';

/** How a document is written, so inserted text looks like its neighbours. */
export interface Style {
  readonly lineBreak: '\n' | '\r\n';
  /** Columns a nested block mapping is indented by (2 unless the document shows otherwise). */
  readonly step: number;
  /** Columns a block sequence's `-` sits right of its key: 0 for `key:\n- a`, 2 for `key:\n  - a`. */
  readonly sequenceOffset: number;
  /** The document is JSON: keys and strings are written double-quoted. */
  readonly json: boolean;
  /** Non-empty flow mappings are written with inner spaces: `{ a: 1 }` rather than `{a: 1}`. */
  readonly flowMapPadding: boolean;
  /** The same for flow sequences: `[ a ]` rather than `[a]`. */
  readonly flowSeqPadding: boolean;
  /** One level of indentation inside multi-line flow collections (JSON files may use tabs). */
  readonly flowIndentUnit: string;
  /** Minified JSON: no space after `:` or `,`. */
  readonly compact: boolean;
}

export interface SourceDocument {
  /** Offset of the document's first character in the file. */
  readonly offset: number;
  /** The document's text; node ranges are offsets into it. */
  readonly text: string;
  /** The document's root node; null for an empty document. */
  readonly root: ParsedNode | null;
  /** Why the document cannot be edited, when the `yaml` package could not read it. */
  readonly problem?: string;
  readonly style: Style;
}

export interface SourceFile {
  readonly text: string;
  /** Document `index` (numbered as the scanner numbers them), composed on first use. */
  document(index: number): SourceDocument;
}

function compose(text: string): Document.Parsed {
  const composer = new Composer({ keepSourceTokens: true });
  const docs = [...composer.compose(new Parser().parse(text))];
  // splitDocuments hands over exactly one document per chunk.
  return docs[0]!;
}

function mostCommon(values: readonly number[], fallback: number): number {
  const counts = new Map<number, number>();
  let best = fallback;
  let bestCount = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/** The offset of the `-` before a block sequence item that starts at `offset`. */
export function dashBefore(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === '-' ? i : -1;
}

function isFlow(node: Node): boolean {
  return (isMap(node) || isSeq(node)) && node.srcToken?.type === 'flow-collection';
}

function detectStyle(text: string, root: ParsedNode | null): Style {
  const steps: number[] = [];
  const offsets: number[] = [];
  const padding: { map?: boolean; seq?: boolean } = {};
  let flowIndentUnit: string | undefined;
  const visit = (node: unknown, depth: number): void => {
    if (depth > 200 || node === null || typeof node !== 'object') return;
    if (isMap(node) || isSeq(node)) {
      const flow = isFlow(node);
      const kind = isMap(node) ? 'map' : 'seq';
      if (flow && node.items.length > 0 && node.range && padding[kind] === undefined) {
        // Judged on collections that open and continue on one line: `{ a: 1 }` or `{a: 1}`.
        const after = text[node.range[0] + 1];
        if (after === ' ' && !/^ *(#|\r?\n)/.test(text.slice(node.range[0] + 1))) padding[kind] = true;
        else if (after !== ' ' && after !== '\n' && after !== '\r') padding[kind] = false;
      }
      if (flow && flowIndentUnit === undefined && node.items.length > 0 && node.range) {
        const first = node.items[0]!;
        const firstNode = (isPair(first) ? first.key : first) as ParsedNode | null;
        if (firstNode?.range && text.slice(node.range[0], firstNode.range[0]).includes('\n')) {
          const inner = leadingSpace(text, firstNode.range[0]);
          const outer = leadingSpace(text, node.range[0]);
          if (inner.startsWith(outer) && inner.length > outer.length) flowIndentUnit = inner.slice(outer.length);
        }
      }
      for (const item of node.items) {
        if (isPair(item)) {
          const key = item.key as ParsedNode | null;
          const value = item.value as ParsedNode | null;
          if (!flow && key?.range && value?.range && !isFlow(value)) {
            if (isMap(value) && value.items.length > 0) {
              const childKey = (value.items[0] as { key?: ParsedNode }).key;
              if (childKey?.range) steps.push(columnOf(text, childKey.range[0]) - columnOf(text, key.range[0]));
            } else if (isSeq(value) && value.items.length > 0) {
              const first = value.items[0] as ParsedNode | null;
              const dash = first?.range ? dashBefore(text, first.range[0]) : -1;
              if (dash >= 0) offsets.push(columnOf(text, dash) - columnOf(text, key.range[0]));
            }
          }
          visit(key, depth + 1);
          visit(value, depth + 1);
        } else {
          visit(item, depth + 1);
        }
      }
    }
  };
  visit(root, 0);
  const json =
    root !== null &&
    isMap(root) &&
    isFlow(root) &&
    root.items.length > 0 &&
    isScalar(root.items[0]!.key) &&
    (root.items[0]!.key as { type?: string }).type === 'QUOTE_DOUBLE';
  // Minified JSON writes `"a":1,"b":2`: judged on the root's first entry.
  const firstKey = json ? (root.items[0]!.key as ParsedNode) : undefined;
  const compact = firstKey !== undefined && /^:[^ \t\r\n]/.test(text.slice(firstKey.range[1]).replace(/^[ \t]*/, ''));
  const step = mostCommon(
    steps.filter((s) => s > 0),
    2,
  );
  return {
    lineBreak: lineBreakOf(text),
    step,
    sequenceOffset: mostCommon(
      offsets.filter((s) => s >= 0),
      0,
    ),
    json,
    flowMapPadding: padding.map ?? padding.seq ?? false,
    flowSeqPadding: padding.seq ?? padding.map ?? false,
    flowIndentUnit: flowIndentUnit ?? ' '.repeat(step),
    compact,
  };
}

/** Offset of each line's start (index = 0-based line number). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Reads a file's documents for editing. `text` is the whole file, byte order mark included. The
 * `yaml` package composes far slower than the scanner parses, so a document is composed only
 * when an edit needs it; and its CST with source tokens takes tens of times the text's size, so
 * only the latest one is kept (edits are planned document by document, in order), which keeps a
 * file of thousands of documents at the memory of one.
 */
export function readSource(text: string): SourceFile {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  const chunks = splitDocuments(body);
  let starts: number[] | undefined;
  let latest: { readonly index: number; readonly doc: SourceDocument } | undefined;
  const read = (index: number): SourceDocument => {
    const chunk = chunks[index];
    if (!chunk) throw new Error(`no document ${index}`);
    const offset = (starts ??= lineStarts(body))[chunk.startLine]!;
    if (!body.startsWith(chunk.text, offset)) throw new Error('document chunk does not match its position');
    const doc = compose(chunk.text);
    const root = (doc.contents ?? null) as ParsedNode | null;
    const style = { ...detectStyle(chunk.text, root), lineBreak: chunk.text.includes('\n') ? lineBreakOf(chunk.text) : lineBreakOf(body) };
    const base = { offset: offset + bom, text: chunk.text, root, style };
    if (doc.errors.length === 0) return base;
    const first = doc.errors[0]!;
    // kubectl reads a repeated key (the last one wins) and so does the scan; an edit could land on
    // the occurrence that does not count, so such a document is not edited.
    const problem =
      first.code === 'DUPLICATE_KEY' ? 'the document repeats a key (kubectl keeps the last one); remove the repetition first' : first.message.split('\n')[0]!;
    return { ...base, problem };
  };
  return {
    text,
    document(index) {
      if (latest?.index !== index) latest = { index, doc: read(index) };
      return latest.doc;
    },
  };
}
