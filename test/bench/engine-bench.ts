// `node dist/test/bench/engine-bench.js`: the engine alone, per already-parsed pod, without the
// process timings of `npm run bench` (which takes minutes). The same corpus and the same settings
// as scan-bench's engine lines, so its figures compare with them; quick enough to run under
// `node --cpu-prof` while working on the engine.
//
// Environment: BENCH_OBJECTS (default 20000) sets the corpus size; BENCH_ROUNDS (default 7) how
// many timed passes over it. The fastest pass is reported: on a machine shared with other work,
// the slower passes measure the neighbours.

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

/** Microseconds per pod in the fastest of `rounds` passes, after one warm-up pass. */
export function microsPerPod(objects: readonly KubeObject[], settings: EvaluationSettings, rounds: number): { micros: number; pods: number } {
  let pods = 0;
  for (const o of objects) if (evaluateObject(o, settings)) pods++;
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (const o of objects) evaluateObject(o, settings);
    perRound.push(Number(process.hrtime.bigint() - t0) / 1000 / pods);
  }
  return { micros: Math.min(...perRound), pods };
}

function main(): void {
  const objects = parsedCorpus(OBJECTS);
  const loaded = loadSettings({ cwd: os.tmpdir(), noDiscovery: true });
  const preset = microsPerPod(objects, loaded.base, ROUNDS);
  const pss = microsPerPod(objects, { profile: loaded.base.profile }, ROUNDS);
  const fmt = (n: number) => n.toFixed(3);
  console.log(`engine alone, ${preset.pods.toLocaleString('en-US')} pods, fastest of ${ROUNDS} passes`);
  console.log(`  restricted:latest, default preset: ${fmt(preset.micros)} µs per pod   (target: at most 3 µs)`);
  console.log(`  restricted:latest, standard only:  ${fmt(pss.micros)} µs per pod   (policies add ${(preset.micros / pss.micros).toFixed(2)}x)`);
}

if (require.main === module) main();
