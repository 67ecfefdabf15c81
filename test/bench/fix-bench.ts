// `npm run bench:fix`: `podguard fix` against `podguard scan` on the same large multi-document
// file, measured in the same run, for growing numbers of documents. Fixing parses each document
// a second time with the `yaml` package's CST and re-checks its edits, so it costs a few times a
// scan; what matters is that the ratio stays flat as the file grows (linear, like the scan).
//
// Environment: BENCH_FIX_DOCS (default "1000,4000,8000") the document counts; BENCH_RUNS
// (default 1) the repetitions of each timed process (the fastest is kept).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { object } from './corpus';

const SIZES = (process.env['BENCH_FIX_DOCS'] ?? '1000,4000,8000').split(',').map(Number);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 1);
const cli = path.join(__dirname, 'run-cli.js');

interface Timing {
  readonly seconds: number;
  readonly maxRssMiB: number;
}

function timeProcess(args: string[]): Timing {
  let best: Timing | undefined;
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    const p = spawnSync(process.execPath, [cli, ...args], { maxBuffer: 1 << 30, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (p.status !== 0 && p.status !== 1) throw new Error(`podguard ${args.join(' ')} failed (${p.status}): ${p.stderr.slice(0, 500)}`);
    const rss = /maxRSS (\d+)/.exec(p.stderr);
    const t = { seconds, maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN };
    if (!best || t.seconds < best.seconds) best = t;
  }
  return best!;
}

const fmt = (n: number, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function main(): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-fix-bench-'));
  try {
    console.log(`one multi-document file of mixed pod-bearing objects (benchmark corpus); best of ${RUNS} run(s)`);
    console.log('\ndocuments   MiB   scan s   fix s   fix/scan   scan RSS MiB   fix RSS MiB');
    const ratios: number[] = [];
    for (const n of SIZES) {
      const docs: string[] = [];
      for (let i = 0; i < n; i++) docs.push(object(i));
      const file = path.join(root, `all-in-one-${n}.yaml`);
      fs.writeFileSync(file, docs.join('---\n'));
      const mib = fs.statSync(file).size / 1048576;
      const scan = timeProcess(['scan', file, '-o', 'json']);
      const fix = timeProcess(['fix', file]);
      ratios.push(fix.seconds / scan.seconds);
      console.log(
        `${n.toLocaleString('en-US').padStart(9)} ${fmt(mib, 1).padStart(5)} ${fmt(scan.seconds).padStart(8)} ${fmt(fix.seconds).padStart(7)} ${(fmt(fix.seconds / scan.seconds) + 'x').padStart(10)} ` +
          `${fmt(scan.maxRssMiB, 0).padStart(14)} ${fmt(fix.maxRssMiB, 0).padStart(13)}`,
      );
    }
    if (ratios.length > 1)
      console.log(
        `\nfix/scan at ${SIZES[SIZES.length - 1]} documents over fix/scan at ${SIZES[0]}: ${fmt(ratios[ratios.length - 1]! / ratios[0]!)} (flat, i.e. linear like the scan, is about 1)`,
      );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
