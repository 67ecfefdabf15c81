// `npm run bench:audit`: audits a simulated cluster of 100,000 pods in 2,000 namespaces served by a
// local API server (generated page by page, never held), and prints elapsed time and peak memory.
// The same audit at half and double the size shows that memory stays flat as the cluster grows
// (the audit streams namespace by namespace). The baseline, measured in the same run, is a process
// that reads the same cluster the same way and evaluates nothing.
//
// Peak RSS includes garbage V8 has not collected yet, so it wanders with the machine's load; the
// retained heap (live data after a full collection, sampled every 2 s) is what the audit holds.
//
// Environment: BENCH_PODS (default 100000) sets the cluster size; BENCH_FORMAT (default json) the
// audit's output format (the output is counted and discarded).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeApiServer } from '../audit/fake-apiserver';
import { GeneratedCluster, OBJECTS_PER_NAMESPACE, PODS_PER_NAMESPACE } from './audit-generated-cluster';

const PODS = Number(process.env['BENCH_PODS'] ?? 100_000);
const FORMAT = process.env['BENCH_FORMAT'] ?? 'json';
const here = __dirname;

interface Measure {
  readonly seconds: number;
  readonly maxRssMiB: number;
  /** Largest live heap after a full collection (sampled every 2 s), when the script reports it. */
  readonly retainedMiB: number;
  readonly stdoutBytes: number;
  readonly requests: number;
  readonly code: number | null;
}

function measure(script: string, args: string[], server: FakeApiServer): Promise<Measure> {
  const before = server.requests.length;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--expose-gc', path.join(here, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdoutBytes += c.length));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const rss = /maxRSS (\d+)/.exec(stderr);
      const heap = /retainedHeap (\d+)/.exec(stderr);
      if (code !== 0 && code !== 1) return reject(new Error(`${script} exited ${code}: ${stderr.slice(0, 800)}`));
      resolve({
        seconds,
        maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN,
        retainedMiB: heap ? Number(heap[1]) / 1024 : NaN,
        stdoutBytes,
        requests: server.requests.length - before,
        code,
      });
    });
  });
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const int = (n: number) => Math.round(n).toLocaleString('en-US');

async function withCluster<T>(namespaces: number, dir: string, fn: (server: FakeApiServer, kubeconfig: string) => Promise<T>): Promise<T> {
  const server = await new FakeApiServer(new GeneratedCluster(namespaces), { gitVersion: 'v1.33.1' }).start();
  const kubeconfig = path.join(dir, `kubeconfig-${namespaces}`);
  fs.writeFileSync(kubeconfig, server.kubeconfig());
  try {
    return await fn(server, kubeconfig);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-audit-bench-'));
  const full = Math.max(2, Math.round(PODS / PODS_PER_NAMESPACE));
  const sizes = [Math.round(full / 2), full, full * 2];
  console.log(
    `simulated clusters: ${PODS_PER_NAMESPACE} pods (${OBJECTS_PER_NAMESPACE} pod-bearing objects) per namespace; podguard audit --format ${FORMAT}, pages of 500, 4 requests in flight\n`,
  );
  console.log('namespaces       pods   objects  requests   seconds   objects/s   peak RSS MiB   retained heap MiB   output MiB');
  const rows: { namespaces: number; audit: Measure }[] = [];
  let baseline: Measure | undefined;
  try {
    for (const namespaces of sizes) {
      await withCluster(namespaces, dir, async (server, kubeconfig) => {
        const audit = await measure('audit-run-cli.js', ['audit', '--kubeconfig', kubeconfig, '-o', FORMAT], server);
        rows.push({ namespaces, audit });
        const objects = namespaces * OBJECTS_PER_NAMESPACE;
        console.log(
          `${int(namespaces).padStart(10)} ${int(namespaces * PODS_PER_NAMESPACE).padStart(10)} ${int(objects).padStart(9)} ${int(audit.requests).padStart(9)} ` +
            `${fmt(audit.seconds, 2).padStart(9)} ${int(objects / audit.seconds).padStart(11)} ${fmt(audit.maxRssMiB, 0).padStart(14)} ${fmt(audit.retainedMiB).padStart(19)} ${fmt(audit.stdoutBytes / 1048576).padStart(12)}`,
        );
        if (namespaces === full) baseline = await measure('audit-list-only.js', [kubeconfig], server);
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const [half, at, double] = rows.map((r) => r.audit) as [Measure, Measure, Measure];
  console.log(`\nbaseline at ${int(full)} namespaces (same reads, no evaluation): ${fmt(baseline!.seconds, 2)} s, peak RSS ${fmt(baseline!.maxRssMiB, 0)} MiB`);
  console.log(`audit / baseline time:                   ${fmt(at.seconds / baseline!.seconds, 2)}x`);
  console.log(`peak RSS, double / full size:            ${fmt(double.maxRssMiB / at.maxRssMiB, 2)}   (memory doubling with the cluster would be 2.00)`);
  console.log(`peak RSS, full / half size:              ${fmt(at.maxRssMiB / half.maxRssMiB, 2)}`);
  console.log(`retained heap, double / full size:       ${fmt(double.retainedMiB / at.retainedMiB, 2)}   (what the audit holds, apart from when V8 collects)`);
  console.log(`exit code of the audit:                  ${at.code} (1: some workloads violate their namespace's enforced level, as generated)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
