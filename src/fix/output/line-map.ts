// Lines of the fixed text mapped back to the file as it is. Without --write nothing is changed,
// so the report must name lines a user can find in the file they have, not in the file as it
// would be: each line of the fixed text maps to the same line in the original when the diff keeps
// it, and an inserted line to the original line it is inserted before (where the change goes).

import type { ObjectOutcome } from '../engine/outcome';
import type { FieldRef, Result, Violation } from '../../report/model';
import { diffLines, splitLines } from './diff';

/** fixed line (1-based) → original line (1-based). */
export function lineMap(before: string, after: string): (line: number) => number {
  const ops = diffLines(splitLines(before), splitLines(after));
  const map: number[] = [0];
  let original = 1;
  for (const op of ops) {
    if (op.kind === '-') original++;
    else if (op.kind === '+') map.push(original);
    else map.push(original++);
  }
  return (line) => map[line] ?? line;
}

function fields(fs: readonly FieldRef[], to: (n: number) => number): FieldRef[] {
  return fs.map((f) => (f.line === undefined ? f : { ...f, line: to(f.line) }));
}

function violation(v: Violation, to: (n: number) => number): Violation {
  return { ...v, fields: fields(v.fields, to) };
}

function result(r: Result, to: (n: number) => number): Result {
  return { ...r, source: { ...r.source, line: to(r.source.line) }, violations: r.violations.map((v) => violation(v, to)) };
}

/** The outcomes with every line moved from the fixed text to the original. */
export function toOriginalLines(objects: readonly ObjectOutcome[], before: string, after: string): ObjectOutcome[] {
  const to = lineMap(before, after);
  return objects.map((o) => ({ ...o, result: result(o.result, to), remaining: o.remaining.map((r) => ({ ...r, violation: violation(r.violation, to) })) }));
}
