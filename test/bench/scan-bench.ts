// `npm run bench`: scan throughput against parsing alone, measured in the same run.
//
// Builds a corpus of pod-bearing objects (mixed kinds, many files and one large multi-document
// file), then times whole processes: podguard scan with JSON output and line numbers, a process
// that only parses the same files with js-yaml's loadAll, and one with the `yaml` package's
// parseAllDocuments. Also measures the engine alone per already-parsed pod, and peak memory as
// the number of files doubles.
//
// Environment: BENCH_OBJECTS (default 50000) sets the corpus size; BENCH_RUNS (default 3) the
// repetitions of each timed process (the fastest is kept).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { loadSettings } from '../../src/config/load';
import type { EvaluationSettings } from '../../src/engine/evaluate';
import type { KubeObject } from '../../src/k8s/types';
import { buildCorpus } from './corpus';
import { microsPerPod } from './engine-bench';

const OBJECTS = Number(process.env['BENCH_OBJECTS'] ?? 50000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const here = __dirname;

interface Timing {
  seconds: number;
  maxRssMiB: number;
  stdoutBytes: number;
}

function timeProcess(args: string[]): Timing {
  let best: Timing | undefined;
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    const p = spawnSync(process.execPath, args, { maxBuffer: 1 << 30, encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (p.status !== 0 && p.status !== 1) throw new Error(`${args.join(' ')} failed (${p.status}): ${p.stderr.slice(0, 500)}`);
    const rss = /maxRSS (\d+)/.exec(p.stderr);
    const t = { seconds, maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN, stdoutBytes: p.stdout.length };
    if (!best || t.seconds < best.seconds) best = t;
  }
  return best!;
}

/** Runs a process with --trace-gc and returns the largest heap left after a full (mark-compact) collection. */
function retainedHeap(args: string[]): { maxRssMiB: number; liveMiB: number } {
  const p = spawnSync(process.execPath, ['--trace-gc', '--max-semi-space-size=1', ...args], { maxBuffer: 1 << 30, encoding: 'utf8' });
  let live = 0;
  for (const m of p.stdout.matchAll(/Mark-Compact[^\n]*?-> ([\d.]+) \(/g)) live = Math.max(live, Number(m[1]));
  const rss = /maxRSS (\d+)/.exec(p.stderr);
  return { maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN, liveMiB: live };
}

function fmt(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** The engine's settings with the default preset (what `podguard scan` runs), and with the standard alone. */
function benchSettings(): { preset: EvaluationSettings; pss: EvaluationSettings } {
  const loaded = loadSettings({ cwd: os.tmpdir(), noDiscovery: true });
  return { preset: loaded.base, pss: { profile: loaded.base.profile } };
}

/** The engine per already-parsed pod: the fastest of 5 passes over the corpus (engine-bench.ts measures it the same way). */
function engineMicros(files: string[], settings: EvaluationSettings): { micros: number; pods: number } {
  const objects: KubeObject[] = [];
  for (const f of files) yaml.loadAll(fs.readFileSync(f, 'utf8'), (d) => objects.push(d as KubeObject));
  return microsPerPod(objects, settings, 5);
}

function main(): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-bench-'));
  const cli = path.join(here, 'run-cli.js');
  const parseOnly = path.join(here, 'parse-only.js');
  try {
    const perFile = 20;
    const large = Math.round(OBJECTS / 5);
    const smallFiles = Math.ceil((OBJECTS - large) / perFile);
    const corpus = buildCorpus(path.join(root, 'corpus'), smallFiles, perFile, large);
    console.log(
      `corpus: ${corpus.podObjects.toLocaleString('en-US')} pod-bearing objects in ${corpus.files.length.toLocaleString('en-US')} files ` +
        `(${smallFiles} files of ${perFile} + one file of ${large.toLocaleString('en-US')}), ${fmt(corpus.bytes / 1048576, 1)} MiB; best of ${RUNS} runs`,
    );

    const scan = timeProcess([cli, 'scan', corpus.dir, '-o', 'json']);
    const jsy = timeProcess([parseOnly, 'js-yaml', ...corpus.files]);
    const yml = timeProcess([parseOnly, 'yaml', ...corpus.files]);
    const settings = benchSettings();
    const engine = engineMicros(corpus.files, settings.preset);
    const enginePss = engineMicros(corpus.files, settings.pss);

    const rows: [string, Timing][] = [
      ['podguard scan --format json', scan],
      ['js-yaml 4 loadAll (parse only)', jsy],
      ['yaml parseAllDocuments (parse only)', yml],
    ];
    console.log('\nprocess                                  seconds    objects/s   peak RSS MiB');
    for (const [name, t] of rows) {
      console.log(
        `${name.padEnd(40)} ${fmt(t.seconds).padStart(7)} ${Math.round(corpus.podObjects / t.seconds)
          .toLocaleString('en-US')
          .padStart(12)} ${fmt(t.maxRssMiB, 0).padStart(14)}`,
      );
    }
    console.log(`\nscan / js-yaml parse-only:               ${fmt(scan.seconds / jsy.seconds)}x   (target: at most 2x)`);
    console.log(`scan / yaml parseAllDocuments:           ${fmt(scan.seconds / yml.seconds)}x`);
    console.log(
      `engine alone (restricted:latest, default preset): ${fmt(engine.micros, 3)} µs per pod over ${engine.pods.toLocaleString('en-US')} pods   (target: at most 3 µs, upstream's Go evaluator)`,
    );
    console.log(
      `engine alone (restricted:latest, standard only):  ${fmt(enginePss.micros, 3)} µs per pod   (policies add ${fmt(engine.micros / enginePss.micros)}x)`,
    );
    console.log(`JSON written:                            ${fmt(scan.stdoutBytes / 1048576, 1)} MiB`);

    // Memory must not grow with the number of files: scan N files, then 2N files of the same size.
    const n = Math.max(50, Math.round(smallFiles / 2));
    const a = buildCorpus(path.join(root, 'files-n'), n, perFile, 0);
    const b = buildCorpus(path.join(root, 'files-2n'), 2 * n, perFile, 0);
    // Peak RSS depends on when V8 chooses to collect, so the live heap after each full
    // collection (from --trace-gc, forced small with a 48 MiB young-generation cap) is printed too:
    // it is what actually grows when something is held per file.
    const ra = retainedHeap([cli, 'scan', a.dir, '-o', 'json']);
    const rb = retainedHeap([cli, 'scan', b.dir, '-o', 'json']);
    console.log(`\nscanning ${n} files, then ${2 * n} files of the same size:`);
    console.log(`  peak RSS:                      ${fmt(ra.maxRssMiB, 0)} MiB, ${fmt(rb.maxRssMiB, 0)} MiB (ratio ${fmt(rb.maxRssMiB / ra.maxRssMiB)})`);
    console.log(`  live heap after full GCs, max: ${fmt(ra.liveMiB, 1)} MiB, ${fmt(rb.liveMiB, 1)} MiB (ratio ${fmt(rb.liveMiB / ra.liveMiB)}; flat is 1.00)`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
