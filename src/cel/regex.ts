// Regular expressions in CEL have RE2 syntax and semantics (cel-spec: `matches`; Kubernetes'
// regex library: `find`, `findAll`). They run on re2js, a pure-JavaScript port of RE2 whose
// matching is linear in the input: a hostile pattern or string cannot make it backtrack.
// JavaScript's RegExp is never used on an expression's or an object's text.

import { RE2JS } from 're2js';

const cache = new Map<string, RE2JS>();
const CACHE_LIMIT = 256;

/** Compiles an RE2 pattern, or throws cel-go's error text. */
export function compileRegex(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (re !== undefined) return re;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    // cel-go: "error parsing regexp: missing closing ): `(`", the text of Go's regexp/syntax errors.
    throw new Error((e as Error).message);
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(pattern, re);
  return re;
}

/** `s.matches(re)`: true when re matches anywhere in s (RE2 unanchored search, as cel-go's regexp.MatchString). */
export function regexMatches(s: string, pattern: string): boolean {
  return compileRegex(pattern).matcher(s).find();
}

/** `s.find(re)`: the first match, or "" (k8s.io/apiserver/pkg/cel/library/regex.go). */
export function regexFind(s: string, pattern: string): string {
  const m = compileRegex(pattern).matcher(s);
  return m.find() ? (m.group() ?? '') : '';
}

/** `s.findAll(re[, n])`: up to n matches (n < 0: all), as Go's FindAllString (regex.go). */
export function regexFindAll(s: string, pattern: string, limit: number): string[] {
  const out: string[] = [];
  if (limit === 0) return out;
  const m = compileRegex(pattern).matcher(s);
  let prevEnd = -1;
  let from = 0;
  while (from <= s.length && m.find(from)) {
    const start = m.start();
    const end = m.end();
    // Go skips an empty match right after the previous match.
    if (!(start === end && start === prevEnd)) {
      out.push(m.group() ?? '');
      if (limit > 0 && out.length >= limit) break;
    }
    prevEnd = end;
    from = end > start ? end : end + 1;
  }
  return out;
}
