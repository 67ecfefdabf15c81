// `node dist/test/bench/engine-bench.js`: the engine alone, per already-parsed pod, without the
// process timings of `npm run bench` (which takes minutes). The same corpus and the same settings
// as scan-bench's engine lines, so its figures compare with them; quick enough to run under
// `node --cpu-prof` while working on the engine.
//
// Environment: BENCH_OBJECTS (default 20000) sets the corpus size; BENCH_ROUNDS (default 7) how
// many timed passes over it. The fastest pass is reported: on a machine shared with other work,
// the slower passes measure the neighbours.
//
// BENCH_BASELINE=DIR compares with another build (a checkout of an older commit with `npm run
// build` done in it): both engines are loaded into this process and timed in alternating passes
// over the same parsed objects, in CPU time (so time the process spends waiting for a CPU is not
// counted), and the ratio is printed. On a busy machine this is the figure to trust.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { loadSettings } from '../../src/config/load';
import { evaluateObject, type EvaluationSettings } from '../../src/engine/evaluate';
import type { KubeObject } from '../../src/k8s/types';
import { buildCorpus } from './corpus';

const OBJECTS = Number(process.env['BENCH_OBJECTS'] ?? 20000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);

/** The parsed corpus: pod-bearing objects of every kind and Services between them, as scan-bench builds it. */
export function parsedCorpus(objects: number): KubeObject[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-engine-bench-'));
  try {
    const large = Math.round(objects / 5);
    const corpus = buildCorpus(path.join(root, 'corpus'), Math.ceil((objects - large) / 20), 20, large);
    const parsed: KubeObject[] = [];
    for (const f of corpus.files) yaml.loadAll(fs.readFileSync(f, 'utf8'), (d) => parsed.push(d as KubeObject));
    return parsed;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

type Evaluate = (o: KubeObject, s: EvaluationSettings) => unknown;

/** Microseconds per pod in the fastest of `rounds` passes, after one warm-up pass. */
export function microsPerPod(
  objects: readonly KubeObject[],
  settings: EvaluationSettings,
  rounds: number,
  evaluate: Evaluate = evaluateObject,
): { micros: number; pods: number } {
  let pods = 0;
  for (const o of objects) if (evaluate(o, settings)) pods++;
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (const o of objects) evaluate(o, settings);
    perRound.push(Number(process.hrtime.bigint() - t0) / 1000 / pods);
  }
  return { micros: Math.min(...perRound), pods };
}

/** CPU microseconds (user + system) of one pass per pod. */
function cpuPass(objects: readonly KubeObject[], settings: EvaluationSettings, evaluate: Evaluate): number {
  const t0 = process.cpuUsage();
  let pods = 0;
  for (const o of objects) if (evaluate(o, settings)) pods++;
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / pods;
}

/** This build against the one in `dir`, in alternating passes; prints the fastest pass of each and the ratio. */
function compare(objects: readonly KubeObject[], dir: string): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const other = require(path.resolve(dir, 'dist/src/engine/evaluate.js')) as { evaluateObject: Evaluate };
  const otherLoad = require(path.resolve(dir, 'dist/src/config/load.js')) as { loadSettings: typeof loadSettings };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const mine = loadSettings({ cwd: os.tmpdir(), noDiscovery: true }).base;
  const theirs = otherLoad.loadSettings({ cwd: os.tmpdir(), noDiscovery: true }).base;
  const runs = [
    { name: 'default preset', mine, theirs },
    { name: 'standard only', mine: { profile: mine.profile }, theirs: { profile: theirs.profile } },
  ];
  for (const run of runs) {
    const a: number[] = [];
    const b: number[] = [];
    cpuPass(objects, run.theirs, other.evaluateObject); // warm up both
    cpuPass(objects, run.mine, evaluateObject);
    for (let r = 0; r < ROUNDS; r++) {
      a.push(cpuPass(objects, run.theirs, other.evaluateObject));
      b.push(cpuPass(objects, run.mine, evaluateObject));
    }
    const base = Math.min(...a);
    const now = Math.min(...b);
    console.log(`  ${run.name.padEnd(15)} baseline ${base.toFixed(3)} µs, this build ${now.toFixed(3)} µs of CPU per pod: ${(now / base).toFixed(3)}x`);
  }
}

function main(): void {
  const objects = parsedCorpus(OBJECTS);
  const baseline = process.env['BENCH_BASELINE'];
  if (baseline) {
    console.log(`engine alone against ${baseline}, ${OBJECTS.toLocaleString('en-US')} objects, fastest of ${ROUNDS} alternating passes`);
    compare(objects, baseline);
    return;
  }
  const loaded = loadSettings({ cwd: os.tmpdir(), noDiscovery: true });
  const preset = microsPerPod(objects, loaded.base, ROUNDS);
  const pss = microsPerPod(objects, { profile: loaded.base.profile }, ROUNDS);
  const fmt = (n: number) => n.toFixed(3);
  console.log(`engine alone, ${preset.pods.toLocaleString('en-US')} pods, fastest of ${ROUNDS} passes`);
  console.log(`  restricted:latest, default preset: ${fmt(preset.micros)} µs per pod   (target: at most 3 µs)`);
  console.log(`  restricted:latest, standard only:  ${fmt(pss.micros)} µs per pod   (policies add ${(preset.micros / pss.micros).toFixed(2)}x)`);
}

if (require.main === module) main();
