// Unified diffs of a file before and after fixing, so a change can be reviewed (and applied with
// `patch -p0` or `git apply`) before anything is written. Lines are compared with Myers' O(ND)
// algorithm in its linear-space form (middle snake, divide and conquer), which finds a shortest
// edit script. A large file with many scattered fixes (thousands of objects in one stream) would
// make that O(ND) search slow, so large ranges are first cut at lines that occur exactly once on
// each side, in the same order (patience diff's anchors: here, typically, each object's name),
// and Myers runs between them. Line endings are kept as they are: a CRLF file diffs as CRLF.

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** The file's lines, each with its line break (the last may have none). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/(?<=\n)/);
  return lines;
}

/** The [x, y, u, v] diagonal run through the middle of the shortest edit script of a[aLo,aHi) and b[bLo,bHi). */
function middleSnake(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number): [number, number, number, number] {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const delta = n - m;
  const odd = (delta & 1) !== 0;
  const max = Math.ceil((n + m) / 2);
  const off = max + 1;
  const vf = new Int32Array(2 * max + 3);
  const vb = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && vf[off + k - 1]! < vf[off + k + 1]!) ? vf[off + k + 1]! : vf[off + k - 1]! + 1;
      let y = x - k;
      const sx = x;
      const sy = y;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      vf[off + k] = x;
      // Backward paths of the previous round lie on diagonals delta - k within ±(d - 1).
      if (odd && k - delta >= -(d - 1) && k - delta <= d - 1 && x + vb[off + delta - k]! >= n) return [aLo + sx, bLo + sy, aLo + x, bLo + y];
    }
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && vb[off + k - 1]! < vb[off + k + 1]!) ? vb[off + k + 1]! : vb[off + k - 1]! + 1;
      let y = x - k;
      const sx = x;
      const sy = y;
      while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) {
        x++;
        y++;
      }
      vb[off + k] = x;
      if (!odd && delta - k >= -d && delta - k <= d && x + vf[off + delta - k]! >= n) return [aHi - x, bHi - y, aHi - sx, bHi - sy];
    }
  }
  throw new Error('diff: no middle snake');
}

/** Above this many lines (both sides together), a range is first cut at unique common lines. */
const ANCHOR_ABOVE = 400;

/**
 * Pairs (i, j) of lines that occur exactly once in a[aLo,aHi) and once in b[bLo,bHi), equal, and
 * in the same order on both sides (the longest such chain): patience diff's anchors.
 */
function uniqueAnchors(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number): [number, number][] {
  const inA = new Map<string, number>();
  for (let i = aLo; i < aHi; i++) inA.set(a[i]!, inA.has(a[i]!) ? -1 : i);
  const inB = new Map<string, number>();
  for (let j = bLo; j < bHi; j++) inB.set(b[j]!, inB.has(b[j]!) ? -1 : j);
  const pairs: [number, number][] = [];
  for (const [line, i] of inA) {
    const j = inB.get(line);
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  // Longest increasing subsequence of j (patience sorting), with back links.
  const tails: number[] = [];
  const back = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const j = pairs[k]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) back[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const chain: [number, number][] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k >= 0; k = back[k]!) chain.push(pairs[k]!);
  return chain.reverse();
}

function pushLines(out: Op[], kind: Op['kind'], lines: readonly string[], from: number, to: number): void {
  // One push per line: spreading a long array into push() overflows the stack.
  for (let i = from; i < to; i++) out.push({ kind, line: lines[i]! });
}

function diffRange(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number, out: Op[]): void {
  // The common head and tail are counted, then written in order (unshifting each tail line would
  // make a long unchanged end quadratic).
  const headFrom = aLo;
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
    aLo++;
    bLo++;
  }
  pushLines(out, ' ', a, headFrom, aLo);
  const tailTo = aHi;
  while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
  }
  if (aLo === aHi || bLo === bHi) {
    pushLines(out, '-', a, aLo, aHi);
    pushLines(out, '+', b, bLo, bHi);
  } else if (aHi - aLo + (bHi - bLo) > ANCHOR_ABOVE && anchored(a, aLo, aHi, b, bLo, bHi, out)) {
    // Done between anchors.
  } else {
    const [x, y, u, v] = middleSnake(a, aLo, aHi, b, bLo, bHi);
    if ((x === aLo && y === bLo && u === aHi && v === bHi) || (u === aLo && v === bLo) || (x === aHi && y === bHi)) {
      // No split made progress (cannot happen for a true middle snake): fall back to replace-all.
      pushLines(out, '-', a, aLo, aHi);
      pushLines(out, '+', b, bLo, bHi);
    } else {
      diffRange(a, aLo, x, b, bLo, y, out);
      pushLines(out, ' ', a, x, u);
      diffRange(a, u, aHi, b, v, bHi, out);
    }
  }
  pushLines(out, ' ', a, aHi, tailTo);
}

/** Diffs the range piece by piece between its unique common lines; false when it has none. */
function anchored(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number, out: Op[]): boolean {
  const anchors = uniqueAnchors(a, aLo, aHi, b, bLo, bHi);
  if (anchors.length === 0) return false;
  let i = aLo;
  let j = bLo;
  for (const [ai, bj] of anchors) {
    diffRange(a, i, ai, b, j, bj, out);
    out.push({ kind: ' ', line: a[ai]! });
    i = ai + 1;
    j = bj + 1;
  }
  diffRange(a, i, aHi, b, j, bHi, out);
  return true;
}

/** The line-by-line edit script turning `a` into `b`; in each run of changes, removals come first. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const raw: Op[] = [];
  diffRange(a, 0, a.length, b, 0, b.length, raw);
  const out: Op[] = [];
  let added: Op[] = [];
  for (const op of raw) {
    if (op.kind === '+') {
      added.push(op);
      continue;
    }
    if (op.kind === ' ') {
      for (const a of added) out.push(a);
      added = [];
    }
    out.push(op);
  }
  for (const a of added) out.push(a);
  return out;
}

function range(start: number, count: number): string {
  // An empty range names the line before it, as diff(1) does.
  const first = count === 0 ? start - 1 : start;
  return count === 1 ? `${first}` : `${first},${count}`;
}

function emit(op: Op): string {
  const text = op.line.endsWith('\n') ? op.line : `${op.line}\n\\ No newline at end of file\n`;
  return op.kind + text;
}

/** A unified diff with `context` lines around each change; the empty string when the texts are equal. */
export function unifiedDiff(before: string, after: string, oldLabel: string, newLabel: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  let out = `--- ${oldLabel}\n+++ ${newLabel}\n`;
  let i = 0;
  // Line numbers (1-based) of ops[i] in the old and new text.
  let oldLine = 1;
  let newLine = 1;
  const advance = (op: Op) => {
    if (op.kind !== '+') oldLine++;
    if (op.kind !== '-') newLine++;
  };
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      advance(ops[i]!);
      i++;
      continue;
    }
    // A hunk: back up over up to `context` equal lines, then run until a gap of more than 2*context equal lines.
    let start = i;
    let back = 0;
    while (back < context && start > 0 && ops[start - 1]!.kind === ' ') {
      start--;
      back++;
    }
    let end = i;
    let lastChange = i;
    while (end < ops.length) {
      if (ops[end]!.kind !== ' ') lastChange = end;
      else if (end - lastChange > 2 * context) break;
      end++;
    }
    end = Math.min(ops.length, lastChange + 1 + context);
    const hunk = ops.slice(start, end);
    const oldStart = oldLine - back;
    const newStart = newLine - back;
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out += `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
    for (const op of hunk) out += emit(op);
    for (let j = i; j < end; j++) advance(ops[j]!);
    i = end;
  }
  return out;
}
