// `npm run bench:hostile`: the scan is linear in its input on the shapes that used to hang it.
//
// Times the scan pipeline in this process (parse a file's text, then evaluate every object) on a
// manifest preceded by N comment lines, and by a banner of N `#` characters, as N doubles; and
// glob matching of an exception pattern built to backtrack. Each figure is a ratio to a baseline
// measured in the same run: the same manifest with nothing before it (scan) and a plain `web-*`
// pattern on the same name (globs). Linear means time per input character stays flat as N grows.
//
// Environment: BENCH_RUNS (default 5) repetitions per figure (the fastest is kept).

import os from 'node:os';
import { loadSettings } from '../../src/config/load';
import { evaluateObject } from '../../src/engine/evaluate';
import { compilePattern } from '../../src/exceptions/pattern';
import { parseDocuments } from '../../src/sources/parse-documents';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const settings = loadSettings({ cwd: os.tmpdir(), noDiscovery: true }).base;

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
        securityContext:
          allowPrivilegeEscalation: true
`;

/** Fastest of RUNS timings of `fn` repeated until it has run for at least 50 ms; ns per call. */
function nsPerCall(fn: () => void): number {
  let best = Infinity;
  for (let r = 0; r < RUNS; r++) {
    let calls = 0;
    const t0 = process.hrtime.bigint();
    let elapsed = 0;
    do {
      fn();
      calls++;
      elapsed = Number(process.hrtime.bigint() - t0);
    } while (elapsed < 50e6);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

function scan(text: string): void {
  const parsed = parseDocuments(text, 'bench.yaml');
  for (const o of parsed.objects) evaluateObject(o.object, settings);
  if (parsed.objects.length !== 1) throw new Error('the benchmark manifest did not parse');
}

function fmt(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function main(): void {
  nsPerCall(() => scan(`# warm-up\n${MANIFEST}`)); // let the JIT settle before the baseline
  const base = nsPerCall(() => scan(MANIFEST));
  const basePerChar = base / MANIFEST.length;
  console.log(`baseline: scan of a ${MANIFEST.length}-character Deployment: ${fmt(base / 1000)} µs (${fmt(basePerChar)} ns per character)`);
  console.log('');
  console.log('leading comments           characters   scan µs   × baseline   ns/char   ns/char × baseline');
  const shapes: [string, (n: number) => string][] = [
    ['comment lines', (n) => '# a comment line above the manifest\n'.repeat(n)],
    ['# banner characters', (n) => `${'#'.repeat(n)}\n`],
  ];
  for (const [what, make] of shapes) {
    for (const n of [1000, 2000, 4000, 8000]) {
      const text = make(n) + MANIFEST;
      const ns = nsPerCall(() => scan(text));
      const perChar = ns / text.length;
      console.log(
        `${`${n.toLocaleString('en-US')} ${what}`.padEnd(26)} ${String(text.length).padStart(10)}   ${fmt(ns / 1000).padStart(7)}   ${fmt(ns / base).padStart(10)}   ${fmt(perChar).padStart(7)}   ${fmt(perChar / basePerChar).padStart(18)}`,
      );
    }
  }
  console.log('');
  const name = 'a'.repeat(63);
  const plain = compilePattern('web-*');
  nsPerCall(() => compilePattern('*a*b').test(name)); // warm-up
  const globBase = nsPerCall(() => plain.test(name));
  console.log(`baseline: 'web-*' against a 63-character container name: ${fmt(globBase)} ns`);
  console.log('exception pattern                     ns per match   × baseline');
  for (const stars of [10, 20, 40, 80]) {
    const p = compilePattern(`${'*a'.repeat(stars)}*b`);
    const ns = nsPerCall(() => p.test(name));
    console.log(`${`'*a' × ${stars} + '*b'`.padEnd(36)} ${fmt(ns).padStart(13)}   ${fmt(ns / globBase).padStart(10)}`);
  }
}

main();
