// Name patterns for exception scopes: `*` matches any run of characters, `?` one character,
// everything else itself (so `web-*`, `team-?`, `*` and exact names all work). Compiled once.
//
// Patterns come from podguard.yaml and from pod annotations, so a hostile pod chooses them. They
// are matched without regular expressions: `*a*a*a*…b` as a backtracking RegExp took a minute on
// a 40-character name and froze the webhook. The pattern is cut at its stars into fixed-length
// segments; the first must match the name's start, the last its end, and every middle one is
// placed at its leftmost occurrence after the previous one. Leftmost placement is never worse
// for a fixed-length segment, so there is no backtracking: the work is at most
// name length × pattern length, whatever the pattern.

export interface NamePattern {
  readonly source: string;
  test(name: string): boolean;
}

/** True when `segment` (with `?` matching any one character) matches `name` at `at`. */
function segmentAt(name: string, segment: string, at: number): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c !== 0x3f /* ? */ && c !== name.charCodeAt(at + i)) return false;
  }
  return true;
}

/** Leftmost index ≥ from at which `segment` matches inside name[from, end), or -1. */
function findSegment(name: string, segment: string, from: number, end: number): number {
  if (!segment.includes('?')) {
    const i = name.indexOf(segment, from);
    return i !== -1 && i + segment.length <= end ? i : -1;
  }
  for (let i = from; i + segment.length <= end; i++) if (segmentAt(name, segment, i)) return i;
  return -1;
}

/** Glob match of `segments` (the pattern split at `*`, so there is at least one star when length > 1). */
function matchSegments(segments: readonly string[], name: string): boolean {
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (segments.length === 1) return first.length === name.length && segmentAt(name, first, 0);
  if (first.length + last.length > name.length) return false;
  if (!segmentAt(name, first, 0)) return false;
  const end = name.length - last.length;
  if (!segmentAt(name, last, end)) return false;
  let pos = first.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const segment = segments[s]!;
    if (segment === '') continue; // `**`
    const at = findSegment(name, segment, pos, end);
    if (at === -1) return false;
    pos = at + segment.length;
  }
  return true;
}

export function compilePattern(source: string): NamePattern {
  if (!source.includes('*') && !source.includes('?')) return { source, test: (name) => name === source };
  if (source === '*') return { source, test: () => true };
  const segments = source.split('*');
  return { source, test: (name) => matchSegments(segments, name) };
}

/** True when any pattern matches; an absent list matches everything (the scope is not narrowed). */
export function anyMatches(patterns: readonly NamePattern[] | undefined, name: string | undefined): boolean {
  if (patterns === undefined) return true;
  if (name === undefined) return false;
  for (const p of patterns) if (p.test(name)) return true;
  return false;
}
