// Turns the text of one file into Kubernetes objects with positions, or errors with positions.
// Each document is parsed on its own (see split-documents.ts) so a broken one is reported and
// the rest still evaluated. Lists (`kind: List` and the `*List` kinds kubectl prints) are
// unpacked into their items, each keeping the line of the item; the items of a typed list from
// the API (PodList, DeploymentList, …), which carry no kind, get the list's.
//
// A file none of whose documents looks like a Kubernetes object (a compose file, values.yaml,
// Chart.yaml, app or CI configuration) is not an error: it is marked `notManifest`, and callers
// count it. A document that looks like a manifest but is broken stays an error.

import type { KubeObject } from '../k8s/types';
import type { InputError } from './input-error';
import type { PositionTable } from './positions';
import { expandedSize, readYamlDocument } from './read-yaml';
import { splitDocuments, isBlank } from './split-documents';

/** Where a rendered object came from (helm template, kustomize build). */
export interface Rendered {
  readonly by: 'helm' | 'kustomize';
  /** The input that was rendered: the chart or kustomization directory, or `<stdin>`. */
  readonly from: string;
  /**
   * Which text the lines are in: 'file' when the object comes from one file and the lines are
   * that file's; 'output' when they are lines of the rendered output (a Helm template is not
   * YAML until rendered, and a patched kustomize object comes from several files).
   */
  readonly lines: 'file' | 'output';
}

export interface SourceObject {
  readonly object: KubeObject;
  /** The file the object is written in: for a rendered object, its template or resource file when known. */
  readonly file: string;
  readonly document: number;
  /** 1-based line where the object starts (for a List item, the item). */
  readonly line: number;
  /** For List items: the index within the list's items. */
  readonly item?: number;
  /** Positions of the document the object came from; lines in it are 0-based and relative to `lineOffset`. */
  readonly positions: PositionTable;
  readonly lineOffset: number;
  /** The object whose fields `positions` describes, when it is not `object` (a kustomize resource rendered into `object`). */
  readonly locateIn?: KubeObject;
  readonly rendered?: Rendered;
}

export interface ParsedFile {
  readonly objects: SourceObject[];
  readonly errors: InputError[];
  /** No document looks like a Kubernetes object (no apiVersion and kind): not a manifest. */
  readonly notManifest: boolean;
  /** With notManifest: why each document is not a Kubernetes object (for callers that explain skips). */
  readonly skipped?: readonly InputError[];
}

export interface ParseOptions {
  /**
   * Maps each document's \`# Source: chart/templates/x.yaml\` comment (helm template's) to the
   * file to name for its objects; documents without one keep the file's name.
   */
  readonly helmSource?: (source: string) => string;
  /** The input a helm-rendered text came from, for SourceObject.rendered. */
  readonly renderedFrom?: string;
}

/** Helm's comment before each rendered template: \`# Source: chart/templates/x.yaml\` (pkg/action/action.go). */
export function helmSourceComment(text: string): string | undefined {
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end).trim();
    at = end + 1;
    if (line === '' || line === '---') continue;
    if (!line.startsWith('#')) return undefined;
    if (line.startsWith('# Source: ')) return line.slice('# Source: '.length).trim() || undefined;
  }
  return undefined;
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

/** Whether a mapping looks like a Kubernetes object: it has a kind, or an apiVersion with metadata. */
function looksLikeManifest(v: Record<string, unknown>): boolean {
  return v['kind'] !== undefined || (v['apiVersion'] !== undefined && v['metadata'] !== undefined);
}

export function parseDocuments(text: string, fileName: string, options: ParseOptions = {}): ParsedFile {
  const objects: SourceObject[] = [];
  const errors: InputError[] = [];
  // Documents that do not look like Kubernetes objects; errors only if the file holds some that do.
  const foreign: InputError[] = [];
  let manifests = 0;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const chunks = splitDocuments(text);
  for (let document = 0; document < chunks.length; document++) {
    const chunk = chunks[document]!;
    const source = options.helmSource && chunk.text.includes('# Source: ') ? helmSourceComment(chunk.text) : undefined;
    const file = source !== undefined ? options.helmSource!(source) : fileName;
    const rendered: Rendered | undefined = source !== undefined ? { by: 'helm', from: options.renderedFrom ?? fileName, lines: 'output' } : undefined;
    const err = (line: number, message: string) => errors.push({ file, document, line, message });
    const notK8s = (line: number, message: string) => foreign.push({ file, document, line, message });
    const read = readYamlDocument(chunk.text, { file });
    if ('error' in read) {
      // Text that never mentions a kind or an apiVersion is no broken manifest (JSON with comments, a template).
      const foreignText = read.error.message.startsWith('invalid YAML') && !chunk.text.includes('kind') && !chunk.text.includes('apiVersion');
      (foreignText ? notK8s : err)(chunk.startLine + read.error.line + 1, read.error.message);
      continue;
    }
    const { value, positions, rootLine: docRootLine } = read.document;
    const rootLine = chunk.startLine + Math.max(docRootLine, 0) + 1;
    if (value === null || value === undefined) {
      if (!isBlank(chunk.text.replace(/^(---|\.\.\.)[^\n]*\n?/gm, ''))) err(rootLine, 'document is empty (null)');
      continue; // an empty document, as kubectl skips it
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      notK8s(rootLine, `document is not a mapping (found ${Array.isArray(value) ? 'a sequence' : typeof value === 'string' ? 'a string' : typeof value})`);
      continue;
    }
    if (!looksLikeManifest(value as Record<string, unknown>)) {
      notK8s(rootLine, objectProblem(value as KubeObject) ?? 'object has no kind');
      continue;
    }
    manifests++;
    // Aliases share objects in memory; a tiny document can still expand to billions of nodes.
    if (chunk.text.includes('&') && positions.size > 0 && expandedSize(value, LIMITS.maxExpandedNodes) > LIMITS.maxExpandedNodes) {
      err(
        rootLine,
        `document expands to more than ${LIMITS.maxExpandedNodes.toLocaleString('en-US')} nodes through YAML aliases (an alias bomb?); not evaluated`,
      );
      continue;
    }
    const base = { file, document, positions, lineOffset: chunk.startLine, ...(rendered ? { rendered } : {}) };
    const obj = value as KubeObject;
    const problem = objectProblem(obj);
    if (problem) {
      err(rootLine, problem);
      continue;
    }
    if (isListKind(obj.kind) && Array.isArray(obj['items'])) {
      const items = obj['items'] as unknown[];
      const lines = positions.get(items);
      const itemKind = obj.kind === 'List' ? undefined : (obj.kind as string).slice(0, -'List'.length);
      items.forEach((item, i) => {
        const line = chunk.startLine + (lines && lines.length === items.length ? lines[i]! : Math.max(docRootLine, 0)) + 1;
        const typed = itemKind !== undefined && itemKind !== '' ? typedItem(item, itemKind, obj.apiVersion, positions, line - chunk.startLine - 1) : item;
        const p = typed !== null && typeof typed === 'object' && !Array.isArray(typed) ? objectProblem(typed as KubeObject) : 'is not a mapping';
        if (p) err(line, `items[${i}]: ${p}`);
        else objects.push({ ...base, object: typed as KubeObject, line, item: i });
      });
      continue;
    }
    objects.push({ ...base, object: obj, line: rootLine });
  }
  if (manifests === 0 && errors.length === 0 && foreign.length > 0) return { objects, errors, notManifest: true, skipped: foreign };
  if (foreign.length > 0) {
    errors.push(...foreign);
    errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }
  return { objects, errors, notManifest: false };
}

/**
 * An item of a typed list (`PodList`) as the API server returns it, without kind and apiVersion:
 * the list's kind names the items' (apimachinery's meta.ExtractList relies on the same). The item
 * gets a copy with both set, and a position entry so its fields keep their lines.
 */
function typedItem(item: unknown, kind: string, apiVersion: unknown, table: PositionTable, line0: number): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const it = item as Record<string, unknown>;
  if (it['kind'] !== undefined && it['apiVersion'] !== undefined) return item;
  const typed: Record<string, unknown> = {};
  const kids: number[] = [];
  const own = table.get(item);
  if (it['apiVersion'] === undefined && typeof apiVersion === 'string') {
    typed['apiVersion'] = apiVersion;
    kids.push(line0, line0);
  }
  if (it['kind'] === undefined) {
    typed['kind'] = kind;
    kids.push(line0, line0);
  }
  for (const k in it) typed[k] = it[k];
  if (own) table.set(typed, [...kids, ...own]);
  return typed;
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
