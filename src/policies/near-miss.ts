// "Did you mean …": the closest known names to a misspelt one. Edit distance with a band of
// width `max` (Ukkonen's cut-off), so each comparison costs O(max · length), not length²; names
// whose lengths differ by more than `max` are never compared.

export function withinDistance(a: string, b: string, max: number): number | undefined {
  if (Math.abs(a.length - b.length) > max) return undefined;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    cur.fill(max + 1);
    cur[0] = i;
    let best = cur[0]!;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < best) best = cur[j]!;
    }
    if (best > max) return undefined;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]! <= max ? prev[b.length] : undefined;
}

/** Up to three known names within a distance that grows with the name (2 for short ones, at most 3). */
export function nearMisses(name: string, known: Iterable<string>): string[] {
  const max = Math.min(3, Math.max(2, Math.floor(name.length / 4)));
  const scored: { candidate: string; d: number }[] = [];
  for (const candidate of known) {
    if (candidate === name) continue;
    const d = withinDistance(name, candidate, max);
    if (d !== undefined) scored.push({ candidate, d });
  }
  scored.sort((x, y) => x.d - y.d || (x.candidate < y.candidate ? -1 : 1));
  return scored.slice(0, 3).map((s) => s.candidate);
}

/** ` (did you mean "a" or "b"?)`, or '' when nothing is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const near = nearMisses(name, known);
  if (near.length === 0) return '';
  return ` (did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}?)`;
}
