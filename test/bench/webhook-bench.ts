// `npm run bench:webhook`: podguard's /validate against two baselines, measured in the same run,
// on loopback, at 50 connections:
// - the bare server: a Node.js HTTPS server that reads the body and answers a fixed
//   AdmissionReview (the transport's limit);
// - the minimal webhook: the same server that also JSON.parses the AdmissionReview and answers
//   allowed with its uid (the least a correct webhook does).
// Both are webhook-bare-server.ts, one process each.
//
// Separate processes: `podguard serve` as a user runs it (default settings, JSON logs at info to
// a file) once as one process and once with `--workers 2` (both CPUs of this machine), the two
// baselines, and the load generator (webhook-load.ts, autocannon). The servers are measured in
// alternating rounds so that noise from other work on the machine falls on all of them. Prints
// requests/s, p50 and p99 latency and server CPU per request of each, and podguard's ratios to
// both baselines against the targets of issue 17: at least 0.85x the minimal webhook's
// requests/s with a p99 at most 1.3x its p99, and at least 0.7x the bare server's requests/s.
//
// All servers are first loaded for BENCH_WARMUP seconds: podguard runs far more JavaScript than
// the baselines, and V8 needs several seconds of traffic to optimise it.
//
// Last, the CPU per request of each stage of podguard's request path (parse, decide, response,
// metrics, logging), measured in this process with the same pieces (webhook-stages.ts); the rest
// of podguard's measured CPU per request is the transport, which the minimal webhook pays too.
//
// Environment: BENCH_SECONDS (default 10) per round, BENCH_ROUNDS (default 3), BENCH_WARMUP
// (default 10), BENCH_CONNECTIONS (default 50).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { createCa, issueServingCertificate } from '../../src/certs/issue';
import { stageMicros } from './webhook-stages';
import {
  LABEL,
  namespaceObject,
  namespaceUpdate,
  pod,
  podCreate,
  podUpdate,
  privilegedPod,
  restrictedPod,
  baselinePod,
  workload,
  workloadCreate,
} from '../admission/fixtures';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const ROOT = path.resolve(__dirname, '..', '..', '..');

interface LoadResult {
  /** Server CPU time (user + system) per request, in µs, when /proc tells it. */
  cpuMicros?: number;
  rps: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** A realistic mix: pods allowed, denied and warned, workloads, an insignificant update, a namespace change. */
function corpus(): { bodies: string[]; namespaces: unknown[] } {
  const namespaces = [
    namespaceObject('shop', { [LABEL.enforce]: 'restricted', [LABEL.audit]: 'restricted', [LABEL.warn]: 'restricted' }),
    namespaceObject('legacy', { [LABEL.enforce]: 'baseline', [LABEL.enforceVersion]: 'v1.29', [LABEL.warn]: 'restricted', [LABEL.audit]: 'restricted' }),
    namespaceObject('batch', { [LABEL.enforce]: 'baseline', [LABEL.warn]: 'restricted' }),
  ];
  const running = restrictedPod('web-7d9f8b-x2k4p', 'shop');
  const relabeled = structuredClone(running);
  (relabeled.metadata as Record<string, unknown>)['labels'] = { app: 'web', 'pod-template-hash': '7d9f8b' };
  const requests = [
    podCreate(restrictedPod('web-7d9f8b-abcde', 'shop', { ownerUid: 'rs-1' })),
    podCreate(baselinePod('api-5c6d7e-fghij', 'shop', { ownerUid: 'rs-2' })),
    podCreate(baselinePod('worker-1', 'legacy', { containers: [{ name: 'worker' }, { name: 'sidecar', image: 'registry.example.com/proxy:2.1' }] })),
    podCreate(privilegedPod('node-agent-q8r7s', 'legacy')),
    podUpdate(relabeled, running),
    workloadCreate(workload('Deployment', 'web', restrictedPod('web', 'shop'), 'shop')),
    workloadCreate(workload('StatefulSet', 'db', baselinePod('db', 'legacy'), 'legacy')),
    workloadCreate(
      workload(
        'CronJob',
        'report',
        pod({ name: 'report', namespace: 'batch', containers: [{ name: 'report', securityContext: { runAsNonRoot: true } }] }),
        'batch',
      ),
    ),
    namespaceUpdate(
      'batch',
      { [LABEL.enforce]: 'baseline', [LABEL.warn]: 'restricted', team: 'data' },
      { [LABEL.enforce]: 'baseline', [LABEL.warn]: 'restricted' },
    ),
  ];
  return { bodies: requests.map((r) => JSON.stringify(r)), namespaces };
}

function waitForLine(file: string, match: (line: string) => boolean, ms: number): Promise<string> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      const line = text.split('\n').find(match);
      if (line) return resolve(line);
      if (Date.now() > end) return reject(new Error(`timed out waiting in ${file}:\n${text}`));
      setTimeout(poll, 50);
    };
    poll();
  });
}

function firstStdoutLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (c: Buffer) => {
      buffered += c.toString();
      const nl = buffered.indexOf('\n');
      if (nl >= 0) resolve(buffered.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

function post(port: number, ca: string, body: string): Promise<{ allowed: boolean; warnings: number }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port, path: '/validate?timeout=10s', method: 'POST', ca, servername: 'localhost', headers: { 'Content-Type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          const r = (JSON.parse(text) as { response: { allowed: boolean; warnings?: string[] } }).response;
          resolve({ allowed: r.allowed, warnings: r.warnings?.length ?? 0 });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** CPU seconds (user + system) a process has used, from /proc; undefined where there is none. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

function load(port: number, bodiesFile: string, seconds: number, pid?: number): LoadResult {
  const before = cpuSeconds(pid);
  const result = runLoad(port, bodiesFile, seconds);
  const after = cpuSeconds(pid);
  if (before !== undefined && after !== undefined && result.total > 0) result.cpuMicros = ((after - before) * 1e6) / result.total;
  return result;
}

function runLoad(port: number, bodiesFile: string, seconds: number): LoadResult {
  const args = JSON.stringify({ url: `https://127.0.0.1:${port}/validate?timeout=10s`, connections: CONNECTIONS, seconds, bodiesFile });
  const p = spawnSync(process.execPath, [path.join(__dirname, 'webhook-load.js'), args], { encoding: 'utf8', timeout: (seconds + 30) * 1000 });
  if (p.status !== 0) throw new Error(`load generator failed (${p.status}): ${p.stderr}`);
  return JSON.parse(p.stdout.trim()) as LoadResult;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-webhook-bench-'));
  const children: ChildProcess[] = [];
  try {
    const ca = createCa(1);
    const serving = issueServingCertificate(ca, { name: 'podguard.podguard.svc', days: 1 });
    const certFile = path.join(dir, 'tls.crt');
    const keyFile = path.join(dir, 'tls.key');
    fs.writeFileSync(certFile, serving.cert);
    fs.writeFileSync(keyFile, serving.key, { mode: 0o600 });
    const { bodies, namespaces } = corpus();
    const bodiesFile = path.join(dir, 'bodies.json');
    fs.writeFileSync(bodiesFile, JSON.stringify(bodies));
    const nsFile = path.join(dir, 'namespaces.yaml');
    fs.writeFileSync(nsFile, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: namespaces }));

    const startPodguard = async (name: string, extra: string[]) => {
      const logFile = path.join(dir, `${name}.log`);
      const logFd = fs.openSync(logFile, 'w');
      const child = spawn(
        process.execPath,
        [
          path.join(ROOT, 'bin', 'podguard.js'),
          'serve',
          '--listen',
          '127.0.0.1:0',
          '--tls-cert',
          certFile,
          '--tls-key',
          keyFile,
          '--namespaces',
          nsFile,
          ...extra,
        ],
        {
          stdio: ['ignore', 'ignore', logFd],
          cwd: dir,
        },
      );
      children.push(child);
      const line = JSON.parse(await waitForLine(logFile, (l) => l.includes('"msg":"serving"'), 15_000)) as { address: string };
      return { child, port: Number(line.address.split(':').pop()), logFile };
    };
    const single = await startPodguard('podguard', []);
    const workers = await startPodguard('podguard-workers', ['--workers', '2']);
    const podguardPort = single.port;
    const startBaseline = async (mode: 'bare' | 'minimal') => {
      const child = spawn(process.execPath, [path.join(__dirname, 'webhook-bare-server.js'), certFile, keyFile, mode], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      return { child, port: Number(await firstStdoutLine(child)) };
    };
    const bare = await startBaseline('bare');
    const minimal = await startBaseline('minimal');
    const barePort = bare.port;

    const answers = await Promise.all(bodies.map((b) => post(podguardPort, ca.cert, b)));
    const denied = answers.filter((a) => !a.allowed).length;
    const warned = answers.filter((a) => a.warnings > 0).length;
    const avgBytes = Math.round(mean(bodies.map((b) => Buffer.byteLength(b))));
    console.log(
      `corpus: ${bodies.length} AdmissionReviews (${denied} denied, ${warned} warned, ${bodies.length - denied} allowed), ${fmt(avgBytes)} bytes on average`,
    );
    console.log(
      `machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ${CONNECTIONS} connections, ${WARMUP} s warm-up, ${ROUNDS} rounds of ${SECONDS} s each, alternating\n`,
    );

    load(barePort, bodiesFile, WARMUP); // warm up (JIT, TLS sessions); each worker needs its own share
    load(minimal.port, bodiesFile, WARMUP);
    load(podguardPort, bodiesFile, WARMUP);
    load(workers.port, bodiesFile, WARMUP * 1.5);
    const servers = [
      { name: 'bare', port: barePort, pid: bare.child.pid },
      { name: 'minimal', port: minimal.port, pid: minimal.child.pid },
      { name: 'podguard', port: podguardPort, pid: single.child.pid },
      { name: 'podguard×2', port: workers.port, pid: undefined }, // CPU of several processes: not measured
    ] as const;
    const results: Record<(typeof servers)[number]['name'], LoadResult[]> = { bare: [], minimal: [], podguard: [], 'podguard×2': [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const s of servers) {
        const r = load(s.port, bodiesFile, SECONDS, s.pid);
        results[s.name].push(r);
        const cpu = r.cpuMicros === undefined ? '' : `   server CPU ${fmt(r.cpuMicros).padStart(4)} µs/req`;
        console.log(
          `round ${round} ${s.name.padEnd(11)} ${fmt(r.rps).padStart(8)} req/s   p50 ${fmt(r.p50, 1).padStart(6)} ms   p99 ${fmt(r.p99, 1).padStart(6)} ms   errors ${r.errors + r.timeouts}, non-2xx ${r.non2xx}${cpu}`,
        );
      }
    }

    const summary = (rs: LoadResult[]) => ({
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      cpu: rs.every((r) => r.cpuMicros !== undefined) ? median(rs.map((r) => r.cpuMicros!)) : undefined,
      failed: rs.reduce((a, r) => a + r.errors + r.timeouts + r.non2xx, 0),
    });
    const b = summary(results.bare);
    const m = summary(results.minimal);
    const rows = [
      ['bare Node.js HTTPS (fixed answer)', b],
      ['minimal webhook (parse, echo uid)', m],
      ['podguard serve /validate', summary(results.podguard)],
      ['podguard serve --workers 2', summary(results['podguard×2'])],
    ] as const;
    console.log('\nserver (medians over the rounds)       req/s      p50 ms    p99 ms  CPU µs/req  failed');
    for (const [name, s] of rows) {
      const cpu = s.cpu === undefined ? '-' : fmt(s.cpu);
      console.log(
        `${name.padEnd(36)} ${fmt(s.rps).padStart(8)} ${fmt(s.p50, 1).padStart(9)} ${fmt(s.p99, 1).padStart(9)} ${cpu.padStart(11)} ${String(s.failed).padStart(7)}`,
      );
    }
    console.log("\ntargets: requests/s at least 0.85x the minimal webhook's and 0.7x the bare server's; p99 at most 1.3x the minimal webhook's");
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    for (const [name, s] of rows.slice(2)) {
      const vsMinimal = s.rps / m.rps;
      const vsBare = s.rps / b.rps;
      const p99Minimal = s.p99 / m.p99;
      const p99Bare = s.p99 / b.p99;
      console.log(
        `${name.padEnd(28)} vs minimal: requests/s ${fmt(vsMinimal, 2)}x (${verdict(vsMinimal >= 0.85)}), p99 ${fmt(p99Minimal, 2)}x (${verdict(p99Minimal <= 1.3)})   ` +
          `vs bare: requests/s ${fmt(vsBare, 2)}x (${verdict(vsBare >= 0.7)}), p99 ${fmt(p99Bare, 2)}x`,
      );
    }
    const stages = await stageMicros(bodies, namespaces);
    const pg = summary(results.podguard);
    const inPath = Object.values(stages).reduce((a, v) => a + v, 0);
    console.log('\npodguard CPU per request by stage (in-process, same corpus and settings):');
    for (const [stage, micros] of Object.entries(stages)) console.log(`  ${stage.padEnd(44)} ${fmt(micros, 1).padStart(7)} µs`);
    if (pg.cpu !== undefined && m.cpu !== undefined) {
      console.log(`  ${'transport and event loop (measured − above)'.padEnd(44)} ${fmt(pg.cpu - inPath, 1).padStart(7)} µs`);
      console.log(
        `  ${'podguard serve, measured'.padEnd(44)} ${fmt(pg.cpu, 1).padStart(7)} µs   (minimal webhook ${fmt(m.cpu, 1)} µs, bare ${b.cpu === undefined ? '-' : fmt(b.cpu, 1)} µs)`,
      );
    }
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exitCode = 1;
});
