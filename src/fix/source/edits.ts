// Turns one change (change.ts) into one text edit on the document it concerns. Untouched bytes stay
// as they are: a scalar is replaced in its own quoting style (through the `yaml` CST), a new entry
// is inserted after its mapping's last one at its siblings' column (block) or after its last item
// with the collection's separator and indentation (flow, JSON), and a removed entry takes its
// lines (block) or its comma (flow) with it. Anything the editor cannot do faithfully is refused
// with a reason rather than approximated.

import { CST, isMap, isPair, isScalar, isSeq, type Pair, type ParsedNode, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { formatPath, type PathStep } from '../../sources/positions';
import { nest, type Change, type JsonValue } from '../engine/change';
import type { TextEdit } from './text-edit';
import { dashBefore, type SourceDocument } from './documents';
import { locate } from './locate';
import { renderBlockEntries, renderBlockEntry, renderBlockItems, renderFlowMultiline, renderInline, renderKey, renderScalar, separators } from './render';
import { columnOf, firstOnLine, leadingSpace, lineAfter, lineStart } from './text';

export type EditResult =
  | { readonly edit: TextEdit }
  /** The source already says what the change asks for. */
  | { readonly unchanged: true }
  | { readonly problem: string };

type AnyMap = YAMLMap.Parsed<ParsedNode, ParsedNode | null>;
type AnySeq = YAMLSeq.Parsed<ParsedNode>;
type AnyPair = Pair<ParsedNode, ParsedNode | null>;

const UNCHANGED: EditResult = Object.freeze({ unchanged: true as const });

function isCollectionValue(v: JsonValue): v is JsonValue[] | { [key: string]: JsonValue } {
  return v !== null && typeof v === 'object';
}

function isEmptyCollectionValue(v: JsonValue): boolean {
  return isCollectionValue(v) && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
}

function isFlow(node: { readonly srcToken?: { readonly type: string } }): boolean {
  return node.srcToken?.type === 'flow-collection';
}

/** A mapping value written as nothing at all (`key:`). */
function isEmptyValue(node: ParsedNode | null): boolean {
  return node === null || (isScalar(node) && node.value === null && node.range[0] === node.range[1]);
}

/** Where an entry (its key) or an item starts. */
function startOf(item: ParsedNode | AnyPair): number {
  return isPair(item) ? item.key.range[0] : item.range[0];
}

/** Where an entry's value (or an item) ends, before any comment or line break after it. */
function endOf(item: ParsedNode | AnyPair): number {
  return isPair(item) ? (item.value ?? item.key).range[1] : item.range[1];
}

/** Builds edits for one document, with offsets relative to its text until `finish` makes them absolute. */
class DocumentEditor {
  private readonly text: string;
  constructor(private readonly doc: SourceDocument) {
    this.text = doc.text;
  }

  private edit(start: number, end: number, text: string, adds?: TextEdit['adds']): EditResult {
    if (start === end && text === '') return UNCHANGED;
    if (this.text.slice(start, end) === text) return UNCHANGED;
    const at = this.doc.offset;
    return {
      edit: adds ? { start: start + at, end: end + at, text, adds: { what: adds.what, column: adds.column } } : { start: start + at, end: end + at, text },
    };
  }

  /**
   * An insertion at a line start, adding `adds`. A text without a final line break gets one first;
   * such an insertion goes alone (without `adds`), so two cannot both add the line break.
   */
  private insertLines(at: number, lines: string, adds: TextEdit['adds']): EditResult {
    const needsBreak = at === this.text.length && at > 0 && this.text[at - 1] !== '\n';
    return needsBreak ? this.edit(at, at, this.doc.style.lineBreak + lines) : this.edit(at, at, lines, adds);
  }

  /** Deletes whole lines [from, to), keeping a file without a final line break without one. */
  private deleteLines(from: number, to: number): EditResult {
    if (to === this.text.length && this.text[to - 1] !== '\n' && from > 0) {
      const br = this.text[from - 2] === '\r' ? 2 : 1;
      return this.edit(from - br, to, '');
    }
    return this.edit(from, to, '');
  }

  apply(steps: readonly PathStep[], change: Change): EditResult {
    const located = locate(this.doc.root, steps);
    if ('problem' in located) return { problem: `cannot edit ${formatPath(steps)}: ${located.problem}` };
    const levels = located.levels;
    const found = levels.length - 1;
    const complete = found === steps.length;
    const target = levels[found]!;
    const where = formatPath(steps);
    switch (change.op) {
      case 'set':
        return complete
          ? this.setExisting(target.node, target.pair, change.value, where)
          : this.create(target.node, target.pair, steps.slice(found), change.value, where);
      case 'append': {
        if (!complete) return this.create(target.node, target.pair, steps.slice(found), [change.value], where);
        const node = target.node;
        if (node !== null && isSeq(node)) return this.appendItem(node as AnySeq, change.value, target.pair);
        if (isEmptyValue(node) || (isScalar(node) && node.value === null)) return this.setExisting(node, target.pair, [change.value], where);
        return { problem: `cannot append to ${where}: it is not a sequence` };
      }
      case 'remove': {
        if (!complete) return UNCHANGED;
        const parent = target.parent!;
        if (!isMap(parent)) return this.removeItem(parent as AnySeq, target.index!, where);
        return this.removeEntry(parent as AnyMap, target.index!, levels[found - 1]!.pair, where);
      }
      case 'replaceEntry': {
        if (!complete || !target.parent || !isMap(target.parent)) return { problem: `cannot replace ${where}: it does not exist` };
        return this.replaceEntry(target.parent as AnyMap, target.index!, change.key, change.value, where);
      }
    }
  }

  // --- set -------------------------------------------------------------------------------------

  private setExisting(node: ParsedNode | null, pair: AnyPair | undefined, value: JsonValue, where: string): EditResult {
    if (isEmptyValue(node)) {
      if (!pair) return { problem: `cannot set ${where}: the document is empty` };
      return this.fillEmptyValue(pair, value, where);
    }
    if (isScalar(node)) {
      if (!isCollectionValue(value)) return this.replaceScalar(node, value, where);
      if (node.value === null) return this.edit(node.range[0], node.range[1], this.inline(value, node.range[0]));
      return { problem: `cannot set ${where}: it holds a scalar where a ${Array.isArray(value) ? 'sequence' : 'mapping'} belongs` };
    }
    return { problem: `cannot set ${where}: podguard does not replace a whole ${isSeq(node) ? 'sequence' : 'mapping'}` };
  }

  /** Sets a path whose last `missing` steps do not exist yet, below `node`. */
  private create(node: ParsedNode | null, pair: AnyPair | undefined, missing: readonly PathStep[], value: JsonValue, where: string): EditResult {
    if (missing.some((s) => typeof s === 'number')) return { problem: `cannot set ${where}: a sequence item it needs does not exist` };
    const [key, ...rest] = missing as readonly string[];
    if (node !== null && isMap(node)) return this.insertEntry(node as AnyMap, key!, nest(rest, value), pair);
    const nested = nest(missing, value);
    if (isEmptyValue(node)) return pair ? this.fillEmptyValue(pair, nested, where) : { problem: `cannot set ${where}: the document is empty` };
    if (isScalar(node) && node.value === null) return this.edit(node.range[0], node.range[1], this.inline(nested, node.range[0]));
    return { problem: `cannot set ${where}: something other than a mapping is in the way` };
  }

  /** A value on one line, or spread over lines when it goes inside a multi-line flow collection. */
  private inline(value: JsonValue, at: number): string {
    const style = this.doc.style;
    return style.json && this.insideMultilineFlow(at) ? renderFlowMultiline(value, leadingSpace(this.text, at), style) : renderInline(value, style);
  }

  private insideMultilineFlow(at: number): boolean {
    // A JSON document that spans lines is pretty-printed: nested values follow suit.
    return this.doc.style.json && this.text.slice(0, at).includes('\n');
  }

  /** Gives a value to `key:` (written with nothing after it). */
  private fillEmptyValue(pair: AnyPair, value: JsonValue, where: string): EditResult {
    const key = pair.key;
    const colon = this.text.indexOf(':', key.range[1]);
    if (colon < 0) return { problem: `cannot set ${where}: its key has no ':'` };
    if (!isCollectionValue(value) || isEmptyCollectionValue(value)) return this.edit(colon + 1, colon + 1, ` ${renderInline(value, this.doc.style)}`);
    const column = columnOf(this.text, key.range[0]);
    const style = this.doc.style;
    const inner = column + (Array.isArray(value) ? style.sequenceOffset : style.step);
    const lines = Array.isArray(value) ? renderBlockItems(value, inner, style) : renderBlockEntries(value, inner, style);
    return this.insertLines(lineAfter(this.text, colon + 1), lines, { what: `value of ${key.range[0]}`, column: inner });
  }

  private replaceScalar(node: Scalar<unknown> & ParsedNode, value: JsonValue, where: string): EditResult {
    const token = node.srcToken;
    if (!token || token.type === 'block-scalar') return { problem: `cannot set ${where}: it is a block scalar` };
    if (node.tag !== undefined) return { problem: `cannot set ${where}: it has an explicit tag (${node.tag})` };
    let text: string;
    if (typeof value === 'string' && (token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar') && !this.doc.style.json) {
      // Keep the user's quoting: the CST re-renders the scalar in its own style.
      const copy = { ...token, end: undefined } as unknown as CST.FlowScalar;
      CST.setScalarValue(copy, value);
      text = copy.source;
    } else {
      text = renderScalar(value, this.doc.style);
    }
    return this.edit(node.range[0], node.range[1], text);
  }

  // --- insert ----------------------------------------------------------------------------------

  /** Adds `key: value` to `map`, the value of `owner` when that is a mapping entry. */
  private insertEntry(map: AnyMap, key: string, value: JsonValue, owner: AnyPair | undefined): EditResult {
    const style = this.doc.style;
    const expanded = this.expandEmptyFlow(map, owner, (column) => renderBlockEntry(key, value, column + style.step, style));
    if (expanded) return expanded;
    if (isFlow(map)) {
      const head = `${renderKey(key, style)}${separators(style).colon}`;
      return this.insertIntoFlow(
        map,
        (indent) => head + (indent === undefined ? renderInline(value, style) : renderFlowMultiline(value, indent, style)),
        owner,
      );
    }
    const first = map.items[0]!;
    const column = columnOf(this.text, first.key.range[0]);
    return this.insertLines(lineAfter(this.text, map.range[1]), renderBlockEntry(key, value, column, style), { what: `key ${key} of ${map.range[0]}`, column });
  }

  private appendItem(seq: AnySeq, value: JsonValue, owner: AnyPair | undefined): EditResult {
    const style = this.doc.style;
    const expanded = this.expandEmptyFlow(seq, owner, (column) => renderBlockItems([value], column + style.sequenceOffset, style));
    if (expanded) return expanded;
    const quoted = this.quotedLikeLastItem(seq, value);
    if (isFlow(seq)) {
      return this.insertIntoFlow(
        seq,
        (indent) => quoted ?? (indent === undefined ? renderInline(value, style) : renderFlowMultiline(value, indent, style)),
        owner,
      );
    }
    const first = seq.items[0];
    const dash = first ? dashBefore(this.text, first.range[0]) : -1;
    if (dash < 0) return { problem: 'cannot append to a sequence whose first item has no "-"' };
    const column = columnOf(this.text, dash);
    const lines = quoted !== undefined ? `${' '.repeat(column)}- ${quoted}${style.lineBreak}` : renderBlockItems([value], column, style);
    return this.insertLines(lineAfter(this.text, seq.range[1]), lines, { what: `item ${JSON.stringify(value)} of ${seq.range[0]}`, column });
  }

  /** A string item quoted as the sequence's last item is (`"NET_RAW"` → `"ALL"`), or undefined to render it as usual. */
  private quotedLikeLastItem(seq: AnySeq, value: JsonValue): string | undefined {
    const last = seq.items[seq.items.length - 1];
    if (typeof value !== 'string' || !last || !isScalar(last) || this.doc.style.json) return undefined;
    if (last.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
    if (last.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
    return undefined;
  }

  /**
   * An empty `{}` or `[]` that is the value of a block mapping entry (`securityContext: {}`, as
   * charts often render) becomes block content on the following lines, like its neighbours,
   * rather than a flow collection. `render` gets the owner key's column. Undefined when the
   * collection is not such a placeholder (or the document is JSON).
   */
  private expandEmptyFlow(coll: AnyMap | AnySeq, owner: AnyPair | undefined, render: (column: number) => string): EditResult | undefined {
    if (this.doc.style.json || !owner || !isFlow(coll) || coll.items.length > 0 || this.text[coll.range[0] + 1] === ' ') return undefined;
    const colon = this.text.indexOf(':', owner.key.range[1]);
    if (colon < 0 || colon > coll.range[0] || !/^[ \t]*$/.test(this.text.slice(colon + 1, coll.range[0]))) return undefined;
    const lineEnd = lineAfter(this.text, coll.range[1]);
    const rest = this.text.slice(coll.range[1], lineEnd);
    if (!/^[ \t]*(#.*)?\r?\n?$/.test(rest)) return undefined;
    const tail = rest.endsWith('\n') ? rest : rest + this.doc.style.lineBreak;
    return this.edit(colon + 1, lineEnd, tail.replace(/^[ \t]+(?=\r?\n)/, '') + render(columnOf(this.text, owner.key.range[0])));
  }

  /**
   * Adds an entry or item after the last one of a flow collection. `render` gets the indentation
   * of the entries' lines when they sit one per line (pretty JSON), undefined when inline.
   */
  private insertIntoFlow(coll: AnyMap | AnySeq, render: (indent: string | undefined) => string, owner: AnyPair | undefined): EditResult {
    const items = coll.items as readonly (AnyPair | ParsedNode)[];
    const [open, end] = coll.range;
    const close = end - 1;
    const style = this.doc.style;
    const br = style.lineBreak;
    if (items.length === 0) {
      const inner = this.text.slice(open + 1, close);
      if (inner === ' ') return this.edit(open + 1, close, ` ${render(undefined)} `);
      // In pretty-printed JSON (the owning entry on a line of its own) an empty `{}` opens up like its neighbours.
      if (style.json && owner && firstOnLine(this.text, owner.key.range[0])) {
        const outer = leadingSpace(this.text, owner.key.range[0]);
        const inner = outer + style.flowIndentUnit;
        return this.edit(open + 1, close, `${br}${inner}${render(inner)}${br}${outer}`);
      }
      const pad = (isMap(coll) ? style.flowMapPadding : style.flowSeqPadding) ? ' ' : '';
      return this.edit(open + 1, close, `${pad}${render(undefined)}${pad}`);
    }
    const last = items[items.length - 1]!;
    const lastStart = startOf(last);
    const lastEnd = endOf(last);
    const multiline = this.text.slice(open, lastStart).includes('\n') && firstOnLine(this.text, lastStart);
    const indent = multiline ? leadingSpace(this.text, lastStart) : undefined;
    const entry = render(indent);
    const between = this.text.slice(lastEnd, close);
    const comma = /^\s*,/.exec(between);
    if (comma) {
      const at = lastEnd + comma[0].length;
      return this.edit(at, at, multiline ? `${br}${indent}${entry},` : `${style.compact ? '' : ' '}${entry},`);
    }
    return this.edit(lastEnd, lastEnd, multiline ? `,${br}${indent}${entry}` : `${separators(style).comma}${entry}`);
  }

  // --- remove ----------------------------------------------------------------------------------

  /** Removes entry `index` of `map`, which is the value of `owner` (when it is a mapping's value). */
  private removeEntry(map: AnyMap, index: number, owner: AnyPair | undefined, where: string): EditResult {
    if (isFlow(map)) return this.removeFromFlow(map, index);
    const pair = map.items[index]!;
    const keyStart = pair.key.range[0];
    const end = lineAfter(this.text, endOf(pair));
    if (map.items.length === 1 && firstOnLine(this.text, keyStart)) {
      // A block mapping cannot be written empty: `owner:` alone would read as null, so it becomes `owner: {}`.
      if (!owner) return { problem: `cannot remove ${where}: it is its document's only entry` };
      const colon = this.text.indexOf(':', owner.key.range[1]);
      const rest = this.text.slice(colon + 1, lineAfter(this.text, colon + 1));
      return this.edit(colon + 1, end, ` {}${rest}`);
    }
    if (firstOnLine(this.text, keyStart)) return this.deleteLines(lineStart(this.text, keyStart), end);
    // The first entry of a compact sequence item (`- key: value`): the `- ` stays.
    if (index !== 0) return { problem: 'cannot remove an entry that shares its line with another' };
    if (map.items.length > 1) return this.edit(keyStart, map.items[1]!.key.range[0], '');
    return this.edit(keyStart, this.trimEnd(keyStart, endOf(pair)), '{}');
  }

  private removeItem(seq: AnySeq, index: number, where: string): EditResult {
    if (isFlow(seq)) return this.removeFromFlow(seq, index);
    const item = seq.items[index];
    if (!item) return { problem: `cannot remove ${where}: the item is empty` };
    if (seq.items.length === 1) return { problem: `cannot remove ${where}: it is the sequence's only item (remove the sequence instead)` };
    const dash = dashBefore(this.text, item.range[0]);
    if (dash < 0 || !firstOnLine(this.text, dash)) return { problem: `cannot remove ${where}: it shares its line with another item` };
    return this.deleteLines(lineStart(this.text, dash), lineAfter(this.text, item.range[1]));
  }

  private removeFromFlow(coll: AnyMap | AnySeq, index: number): EditResult {
    const items = coll.items as readonly (AnyPair | ParsedNode)[];
    const [open, end] = coll.range;
    // An emptied `{ a: 1 }` keeps its inner space (`{ }`): a later insertion then stays inline.
    if (items.length === 1) return this.edit(open + 1, end - 1, this.text[open + 1] === ' ' ? ' ' : '');
    if (index < items.length - 1) return this.edit(startOf(items[index]!), startOf(items[index + 1]!), '');
    return this.edit(endOf(items[index - 1]!), endOf(items[index]!), '');
  }

  private replaceEntry(map: AnyMap, index: number, key: string, value: JsonValue, where: string): EditResult {
    if (map.items.some((p, i) => i !== index && isScalar(p.key) && String(p.key.value) === key))
      return { problem: `cannot replace ${where}: ${key} is already set` };
    if (isCollectionValue(value) && !isEmptyCollectionValue(value)) return { problem: `cannot replace ${where} with a nested value` };
    const style = this.doc.style;
    const pair = map.items[index]!;
    const text = `${renderKey(key, style)}${isFlow(map) ? separators(style).colon : ': '}${renderInline(value, style)}`;
    const old = pair.value;
    if (!isFlow(map) && old !== null && (isMap(old) || isSeq(old)) && !isFlow(old)) {
      // A block value spans lines: they all go, and the new entry keeps one line.
      const end = lineAfter(this.text, old.range[1]);
      const keepsBreak = this.text[end - 1] === '\n';
      return this.edit(pair.key.range[0], end, keepsBreak ? text + style.lineBreak : text);
    }
    return this.edit(pair.key.range[0], endOf(pair), text);
  }

  private trimEnd(start: number, end: number): number {
    while (end > start && /\s/.test(this.text[end - 1]!)) end--;
    return end;
  }
}

/**
 * The edit that makes `change` (its path relative to the object at `prefix` in the document) in
 * the source document.
 */
export function changeToEdit(doc: SourceDocument, prefix: readonly PathStep[], steps: readonly PathStep[], change: Change): EditResult {
  if (doc.problem !== undefined) return { problem: `the YAML editor cannot read this document: ${doc.problem}` };
  return new DocumentEditor(doc).apply([...prefix, ...steps], change);
}
