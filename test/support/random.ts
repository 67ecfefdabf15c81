// A small seeded random source (mulberry32), so a generated case can be replayed from its seed.

export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Up to `max` distinct items, in a random order. */
  some<T>(items: readonly T[], max: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    const n = this.int(max + 1);
    while (out.length < n && pool.length > 0) out.push(pool.splice(this.int(pool.length), 1)[0]!);
    return out;
  }
}

/** The fixed seed CI always runs, and a per-run one (PODGUARD_SEED replays a failure). */
export function seeds(fixed: number): { fixed: number; perRun: number } {
  const env = process.env['PODGUARD_SEED'];
  const perRun = env !== undefined && /^\d+$/.test(env) ? Number(env) : (Date.now() ^ (process.pid << 16)) >>> 0;
  return { fixed, perRun };
}
