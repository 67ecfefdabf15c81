// Turns the text of one file into Kubernetes objects with positions, or errors with positions.
// Each document is parsed on its own (see split-documents.ts) so a broken one is reported and
// the rest still evaluated. Lists (`kind: List` and the `*List` kinds kubectl prints) are
// unpacked into their items, each keeping the line of the item.

import type { KubeObject } from '../k8s/types';
import type { InputError } from './input-error';
import type { PositionTable } from './positions';
import { expandedSize, readYamlDocument } from './read-yaml';
import { splitDocuments, isBlank } from './split-documents';

export interface SourceObject {
  readonly object: KubeObject;
  readonly file: string;
  readonly document: number;
  /** 1-based line where the object starts (for a List item, the item). */
  readonly line: number;
  /** For List items: the index within the list's items. */
  readonly item?: number;
  /** Positions of the document the object came from; lines in it are 0-based and relative to `lineOffset`. */
  readonly positions: PositionTable;
  readonly lineOffset: number;
}

export interface ParsedFile {
  readonly objects: SourceObject[];
  readonly errors: InputError[];
}

/** Limits that keep hostile input from hanging or exhausting memory. */
export const LIMITS = {
  /** Anchors+aliases beyond which a document is treated as an alias bomb. */
  maxAliases: 1000,
  /** Nodes a document may expand to through aliases. */
  maxExpandedNodes: 1_000_000,
};

function isListKind(kind: unknown): boolean {
  return typeof kind === 'string' && (kind === 'List' || kind.endsWith('List'));
}

export function parseDocuments(text: string, file: string): ParsedFile {
  const objects: SourceObject[] = [];
  const errors: InputError[] = [];
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const chunks = splitDocuments(text);
  for (let document = 0; document < chunks.length; document++) {
    const chunk = chunks[document]!;
    const err = (line: number, message: string) => errors.push({ file, document, line, message });
    const read = readYamlDocument(chunk.text, { file });
    if ('error' in read) {
      err(chunk.startLine + read.error.line + 1, read.error.message);
      continue;
    }
    const { value, positions, rootLine: docRootLine } = read.document;
    const rootLine = chunk.startLine + Math.max(docRootLine, 0) + 1;
    if (value === null || value === undefined) {
      if (!isBlank(chunk.text.replace(/^(---|\.\.\.)[^\n]*\n?/gm, ''))) err(rootLine, 'document is empty (null)');
      continue; // an empty document, as kubectl skips it
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      err(rootLine, `document is not a mapping (found ${Array.isArray(value) ? 'a sequence' : typeof value === 'string' ? 'a string' : typeof value})`);
      continue;
    }
    // Aliases share objects in memory; a tiny document can still expand to billions of nodes.
    if (chunk.text.includes('&') && positions.size > 0 && expandedSize(value, LIMITS.maxExpandedNodes) > LIMITS.maxExpandedNodes) {
      err(rootLine, `document expands to more than ${LIMITS.maxExpandedNodes.toLocaleString('en-US')} nodes through YAML aliases (an alias bomb?); not evaluated`);
      continue;
    }
    const base = { file, document, positions, lineOffset: chunk.startLine };
    const obj = value as KubeObject;
    const problem = objectProblem(obj);
    if (problem) {
      err(rootLine, problem);
      continue;
    }
    if (isListKind(obj.kind) && Array.isArray(obj['items'])) {
      const items = obj['items'] as unknown[];
      const lines = positions.get(items);
      items.forEach((item, i) => {
        const line = chunk.startLine + (lines && lines.length === items.length ? lines[i]! : Math.max(docRootLine, 0)) + 1;
        const p = item !== null && typeof item === 'object' && !Array.isArray(item) ? objectProblem(item as KubeObject) : 'is not a mapping';
        if (p) err(line, `items[${i}]: ${p}`);
        else objects.push({ ...base, object: item as KubeObject, line, item: i });
      });
      continue;
    }
    objects.push({ ...base, object: obj, line: rootLine });
  }
  return { objects, errors };
}

/** Why a parsed mapping is not a usable Kubernetes object, or undefined when it is. */
function objectProblem(obj: KubeObject): string | undefined {
  if (typeof obj.kind !== 'string' || obj.kind === '') return 'object has no kind';
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') return `${obj.kind} has no apiVersion`;
  if (obj.metadata !== undefined && (obj.metadata === null || typeof obj.metadata !== 'object' || Array.isArray(obj.metadata))) {
    return `${obj.kind}: metadata is not a mapping`;
  }
  return undefined;
}
