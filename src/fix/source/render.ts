// Writes new values as text that fits where it goes: block YAML at a given column, flow YAML, or
// JSON, with the document's line breaks, indentation and quoting habits (source/documents.ts).

import type { JsonValue } from '../engine/change';
import type { Style } from './documents';

// Words YAML 1.1 (which kubectl reads) or YAML 1.2 would not read back as the same string.
const SPECIAL_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|\.inf|\.nan)$/;

/** Whether a string reads back as itself when written without quotes (in block and flow context). */
export function plainSafe(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(s) && !SPECIAL_WORDS.test(s);
}

function isCollection(v: JsonValue): v is JsonValue[] | { [key: string]: JsonValue } {
  return v !== null && typeof v === 'object';
}

function isEmptyCollection(v: JsonValue): boolean {
  return isCollection(v) && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
}

export function renderKey(key: string, style: Style): string {
  return style.json || !plainSafe(key) ? JSON.stringify(key) : key;
}

export function renderScalar(v: JsonValue, style: Style): string {
  if (typeof v === 'string') return style.json || !plainSafe(v) ? JSON.stringify(v) : v;
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Error('not a scalar');
}

/** What follows a flow entry and a key: `, ` and `: `, or `,` and `:` in minified JSON. */
export function separators(style: Style): { readonly comma: string; readonly colon: string } {
  return style.compact ? { comma: ',', colon: ':' } : { comma: ', ', colon: ': ' };
}

/** A value on one line: `{type: RuntimeDefault}`, `["ALL"]`, `false`. */
export function renderInline(v: JsonValue, style: Style): string {
  if (!isCollection(v)) return renderScalar(v, style);
  const { comma, colon } = separators(style);
  if (Array.isArray(v)) {
    const pad = style.flowSeqPadding ? ' ' : '';
    return v.length === 0 ? '[]' : `[${pad}${v.map((x) => renderInline(x, style)).join(comma)}${pad}]`;
  }
  const pad = style.flowMapPadding ? ' ' : '';
  const keys = Object.keys(v);
  return keys.length === 0 ? '{}' : `{${pad}${keys.map((k) => `${renderKey(k, style)}${colon}${renderInline(v[k]!, style)}`).join(comma)}${pad}}`;
}

/**
 * A value inside a multi-line flow collection (pretty-printed JSON): nested collections open on
 * the current line and put each entry on its own line, one `flowIndentUnit` deeper than `indent`
 * (the white space of the line the value starts on).
 */
export function renderFlowMultiline(v: JsonValue, indent: string, style: Style): string {
  if (!isCollection(v) || isEmptyCollection(v)) return renderInline(v, style);
  const inner = indent + style.flowIndentUnit;
  const br = style.lineBreak;
  if (Array.isArray(v)) return `[${br}${v.map((x) => inner + renderFlowMultiline(x, inner, style)).join(`,${br}`)}${br}${indent}]`;
  const entries = Object.keys(v).map((k) => `${inner}${renderKey(k, style)}: ${renderFlowMultiline(v[k]!, inner, style)}`);
  return `{${br}${entries.join(`,${br}`)}${br}${indent}}`;
}

/** A mapping entry in block style at `column`, ending with a line break: `key: value` or `key:` and nested lines. */
export function renderBlockEntry(key: string, v: JsonValue, column: number, style: Style): string {
  return ' '.repeat(column) + renderBlockEntryBody(key, v, column, style);
}

/** The same, without the leading indentation (for text placed after `- ` or at an existing key). */
export function renderBlockEntryBody(key: string, v: JsonValue, column: number, style: Style): string {
  const br = style.lineBreak;
  const head = renderKey(key, style);
  if (!isCollection(v) || isEmptyCollection(v)) return `${head}: ${renderInline(v, style)}${br}`;
  if (Array.isArray(v)) return `${head}:${br}${renderBlockItems(v, column + style.sequenceOffset, style)}`;
  return `${head}:${br}${renderBlockEntries(v, column + style.step, style)}`;
}

/** The entries of a mapping in block style, each at `column`. */
export function renderBlockEntries(v: { [key: string]: JsonValue }, column: number, style: Style): string {
  return Object.keys(v)
    .map((k) => renderBlockEntry(k, v[k]!, column, style))
    .join('');
}

/** Sequence items in block style, the `-` at `column`. */
export function renderBlockItems(items: readonly JsonValue[], column: number, style: Style): string {
  return items.map((item) => ' '.repeat(column) + '- ' + renderBlockItemBody(item, column + 2, style)).join('');
}

/** What follows `- ` for one item whose content starts at `column`. */
export function renderBlockItemBody(item: JsonValue, column: number, style: Style): string {
  const br = style.lineBreak;
  if (!isCollection(item) || isEmptyCollection(item)) return renderInline(item, style) + br;
  if (Array.isArray(item)) return renderInline(item, style) + br;
  const keys = Object.keys(item);
  // The first entry shares the `- ` line (compact form); the rest line up under it.
  return keys.map((k, i) => (i === 0 ? renderBlockEntryBody(k, item[k]!, column, style) : renderBlockEntry(k, item[k]!, column, style))).join('');
}
