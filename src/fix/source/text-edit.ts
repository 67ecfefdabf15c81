// Text edits as ESLint applies fixes: ranges of the original text and their replacements, sorted,
// with any edit that overlaps one already chosen left for the next pass (after a re-check it is
// planned again against the new text).

export interface TextEdit {
  /** Offsets into the text the edit was computed against; start === end is an insertion. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * For an insertion that adds an entry or item to a collection: what it adds (the collection
   * and the key), and the column it is written at. Insertions at one offset that add different
   * things go together, the deeper one first (a container's new key before its pod's, when the
   * container is the last thing in the pod).
   */
  readonly adds?: { readonly what: string; readonly column: number };
}

const same = (a: TextEdit, b: TextEdit) => a.start === b.start && a.end === b.end && a.text === b.text;

const isInsertion = (e: TextEdit) => e.start === e.end;

/**
 * Picks the edits that can be applied together: in offset order, skipping any that overlaps an edit
 * already picked. Two edits that merely touch are kept apart when one is an insertion, since the
 * order of their texts would be a guess (two fixes adding `securityContext:` at the same place) —
 * unless both are insertions that say what they add and it differs, which go deepest first. An
 * edit identical to a picked one is merged into it (`duplicates`).
 *
 * Linear after the sort: the insertions already picked at the current offset are summarised by
 * what they add (a set) rather than searched, so thousands of documents cost thousands of steps.
 */
export function selectEdits<T extends TextEdit>(edits: readonly T[]): { chosen: T[]; duplicates: T[]; deferred: T[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end || (b.adds?.column ?? 0) - (a.adds?.column ?? 0));
  const chosen: T[] = [];
  const duplicates: T[] = [];
  const deferred: T[] = [];
  // The insertions picked at offset `insertedAt`: what each adds, and whether every one says so.
  let insertedAt = -1;
  let added = new Set<string>();
  let allSayWhat = true;
  const choose = (e: T) => {
    chosen.push(e);
    if (!isInsertion(e)) return;
    if (e.start !== insertedAt) {
      insertedAt = e.start;
      added = new Set();
      allSayWhat = true;
    }
    if (e.adds === undefined) allSayWhat = false;
    else added.add(e.adds.what);
  };
  for (const e of sorted) {
    const last = chosen[chosen.length - 1];
    if (last === undefined) {
      choose(e);
    } else if (same(last, e)) {
      duplicates.push(e);
    } else if (e.start < last.end) {
      deferred.push(e);
    } else if (e.start === last.end && (isInsertion(e) || isInsertion(last))) {
      // Only insertions that each say what they add, all different, go together at one offset.
      const compatible = isInsertion(e) && isInsertion(last) && e.adds !== undefined && allSayWhat && !added.has(e.adds.what);
      if (compatible) choose(e);
      else deferred.push(e);
    } else {
      choose(e);
    }
  }
  return { chosen, duplicates, deferred };
}

/** Applies edits that are sorted and do not overlap (as selectEdits returns them). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.start < at || e.end < e.start || e.end > text.length) throw new Error(`overlapping or invalid edit ${e.start}-${e.end}`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
