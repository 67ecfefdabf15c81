// gitignore-style patterns for the directory walk: `--ignore PATTERN`, `ignore:` in podguard.yaml
// and `.podguardignore` files. The rules are git's (gitignore(5)): blank lines and `#` lines are
// skipped; a leading `!` re-includes; a trailing `/` matches directories only; a pattern with a
// slash anywhere but at the end is anchored to the directory it is relative to, one without
// matches a name at any depth; `*` and `?` do not cross `/`, `**` as a whole segment matches any
// number of directories; `[...]` is a character class; the last matching pattern wins.
//
// Matching is by segments with a table over (pattern segment, path segment), and within one
// segment by the two-pointer wildcard algorithm: time is bounded by the product of the pattern's
// and the path's lengths, never exponential, whatever the input.

import fs from 'node:fs';
import path from 'node:path';

export const IGNORE_FILE = '.podguardignore';

interface Rule {
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly segments: readonly string[];
  /** Written with a slash before its end: matches from the base directory, not at any depth. */
  /** The directory (relative to the walk's root, as parts) the rule is relative to: its file's. */
  readonly base: readonly string[];
  readonly source: string;
}

function parseRule(line: string, source: string, base: readonly string[] = []): Rule | undefined {
  let p = line.replace(/\r$/, '');
  // Trailing spaces are ignored unless escaped (gitignore(5)).
  let end = p.length;
  while (end > 0 && p[end - 1] === ' ' && p[end - 2] !== '\\') end--;
  p = p.slice(0, end);
  if (p === '' || p.startsWith('#')) return undefined;
  let negate = false;
  if (p.startsWith('!')) {
    negate = true;
    p = p.slice(1);
  } else if (p.startsWith('\\!') || p.startsWith('\\#')) p = p.slice(1);
  let dirOnly = false;
  if (p.endsWith('/')) {
    dirOnly = true;
    let end = p.length;
    while (end > 0 && p.charCodeAt(end - 1) === 0x2f) end--;
    p = p.slice(0, end);
  }
  if (p === '') return undefined;
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const segments = p.split('/').filter((s) => s !== '');
  if (!anchored) segments.unshift('**');
  return { negate, dirOnly, segments, base, source };
}

/** One segment against one glob segment: `*`, `?`, `[...]`, `\x`; two pointers, O(n·m) at worst. */
function matchSegment(glob: string, name: string): boolean {
  let g = 0;
  let n = 0;
  let starG = -1;
  let starN = 0;
  while (n < name.length) {
    if (g < glob.length) {
      const c = glob[g]!;
      if (c === '*') {
        starG = g++;
        starN = n;
        continue;
      }
      const step = matchOne(glob, g, name[n]!);
      if (step > 0) {
        g += step;
        n++;
        continue;
      }
    }
    if (starG < 0) return false;
    g = starG + 1;
    n = ++starN;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

/** Length of the glob token at `g` when it matches `ch`, 0 when it does not. */
function matchOne(glob: string, g: number, ch: string): number {
  const c = glob[g]!;
  if (c === '?') return 1;
  if (c === '\\' && g + 1 < glob.length) return glob[g + 1] === ch ? 2 : 0;
  if (c === '[') {
    const close = glob.indexOf(']', g + 2);
    if (close < 0) return ch === '[' ? 1 : 0;
    let i = g + 1;
    const negated = glob[i] === '!' || glob[i] === '^';
    if (negated) i++;
    let hit = false;
    for (; i < close; i++) {
      if (glob[i + 1] === '-' && i + 2 < close) {
        if (ch >= glob[i]! && ch <= glob[i + 2]!) hit = true;
        i += 2;
      } else if (glob[i] === ch) hit = true;
    }
    return hit !== negated ? close - g + 1 : 0;
  }
  return c === ch ? 1 : 0;
}

/** Whether the segments of `rule` match all of `parts`: a table over both, `**` spanning any number. */
function matchPath(segments: readonly string[], parts: readonly string[]): boolean {
  // can[j] after processing segment i: the first j path parts can be matched by the first i segments.
  let can: boolean[] = new Array<boolean>(parts.length + 1).fill(false);
  can[0] = true;
  for (const seg of segments) {
    const next: boolean[] = new Array<boolean>(parts.length + 1).fill(false);
    if (seg === '**') {
      let any = false;
      for (let j = 0; j <= parts.length; j++) {
        any = any || can[j]!;
        next[j] = any;
      }
    } else {
      for (let j = 1; j <= parts.length; j++) next[j] = can[j - 1]! && matchSegment(seg, parts[j - 1]!);
    }
    can = next;
  }
  return can[parts.length]!;
}

export class IgnoreRules {
  private constructor(private readonly rules: readonly Rule[]) {}

  static none(): IgnoreRules {
    return new IgnoreRules([]);
  }

  /** Rules from pattern strings (in order: later ones win), e.g. --ignore and podguard.yaml. */
  static of(patterns: readonly string[], source = '--ignore'): IgnoreRules {
    return new IgnoreRules(patterns.map((p) => parseRule(p, source)).filter((r): r is Rule => r !== undefined));
  }

  /**
   * These rules followed by the ones in `dir/.podguardignore`, when there is one; `relative` is
   * where `dir` is under the walk's root ('' for the root), since its patterns are relative to it.
   */
  withFileIn(dir: string, relative = ''): IgnoreRules {
    const file = path.join(dir, IGNORE_FILE);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return this;
    }
    const base = relative.split('/').filter((x) => x !== '');
    const extra = text
      .split('\n')
      .map((l) => parseRule(l, file, base))
      .filter((r): r is Rule => r !== undefined);
    return extra.length === 0 ? this : new IgnoreRules([...this.rules, ...extra]);
  }

  /**
   * Whether `relative` (slash-separated, relative to the directory walked) is ignored. As in git, a
   * path is also ignored when one of its parent directories is, so the walk need not descend.
   */
  ignores(relative: string, isDirectory: boolean): boolean {
    if (this.rules.length === 0) return false;
    const parts = relative.split(/[\\/]/).filter((s) => s !== '');
    let ignored = false;
    for (const r of this.rules) {
      if (r.dirOnly && !isDirectory) continue;
      if (r.base.length >= parts.length || r.base.some((b, i) => parts[i] !== b)) continue;
      if (matchPath(r.segments, r.base.length === 0 ? parts : parts.slice(r.base.length))) ignored = !r.negate;
    }
    return ignored;
  }
}
