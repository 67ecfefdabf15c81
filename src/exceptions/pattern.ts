// Name patterns for exception scopes: `*` matches any run of characters, `?` one character,
// everything else itself (so `web-*`, `team-?`, `*` and exact names all work). Compiled once.

export interface NamePattern {
  readonly source: string;
  test(name: string): boolean;
}

const SPECIAL = /[.+^${}()|[\]\\]/g;

export function compilePattern(source: string): NamePattern {
  if (!source.includes('*') && !source.includes('?')) return { source, test: (name) => name === source };
  if (source === '*') return { source, test: () => true };
  const re = new RegExp(`^${source.replace(SPECIAL, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return { source, test: (name) => re.test(name) };
}

/** True when any pattern matches; an absent list matches everything (the scope is not narrowed). */
export function anyMatches(patterns: readonly NamePattern[] | undefined, name: string | undefined): boolean {
  if (patterns === undefined) return true;
  if (name === undefined) return false;
  for (const p of patterns) if (p.test(name)) return true;
  return false;
}
