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

/** Insertions at one offset that add different things, each knowing its column, can go together. */
function compatibleInsertions(a: TextEdit, b: TextEdit): boolean {
  return a.start === a.end && b.start === b.end && a.adds !== undefined && b.adds !== undefined && a.adds.what !== b.adds.what;
}

/**
 * Picks the edits that can be applied together: in offset order, skipping any that overlaps an edit
 * already picked. Two edits that merely touch are kept apart when one is an insertion, since the
 * order of their texts would be a guess (two fixes adding `securityContext:` at the same place) —
 * unless both are insertions that say what they add and it differs, which go deepest first. An
 * edit identical to a picked one is merged into it (`duplicates`).
 */
export function selectEdits<T extends TextEdit>(edits: readonly T[]): { chosen: T[]; duplicates: T[]; deferred: T[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end || (b.adds?.column ?? 0) - (a.adds?.column ?? 0));
  const chosen: T[] = [];
  const duplicates: T[] = [];
  const deferred: T[] = [];
  for (const e of sorted) {
    const last = chosen[chosen.length - 1];
    if (last === undefined) {
      chosen.push(e);
    } else if (same(last, e)) {
      duplicates.push(e);
    } else if (e.start < last.end) {
      deferred.push(e);
    } else if (e.start === last.end && (e.start === e.end || last.start === last.end)) {
      // Every insertion already picked at this offset must be compatible with this one.
      const here = chosen.filter((c) => c.start === e.start && c.end === e.start);
      (last.start === last.end && here.every((c) => compatibleInsertions(c, e)) ? chosen : deferred).push(e);
    } else {
      chosen.push(e);
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
