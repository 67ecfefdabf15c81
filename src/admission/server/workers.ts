// `podguard serve --workers N`: N processes serving one port (node:cluster), so a webhook given
// several CPUs uses them (JSON parsing and evaluation are CPU-bound and Node.js runs them on one
// thread). The primary process only supervises: it forks the workers, starts another when one
// dies (and gives up when they keep dying), answers /metrics requests with every worker's metrics
// added up (prom-client's cluster aggregation), and passes SIGTERM, SIGINT and SIGHUP on.

import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Logger } from './logger';

const METRICS_REQUEST = 'podguard:metrics-request';
const METRICS_REPLY = 'podguard:metrics-reply';

interface MetricsMessage {
  readonly type: string;
  readonly id: number;
  readonly text?: string;
}

function isMetricsMessage(m: unknown): m is MetricsMessage {
  return m !== null && typeof m === 'object' && typeof (m as MetricsMessage).type === 'string' && typeof (m as MetricsMessage).id === 'number';
}

export function inWorker(): boolean {
  return cluster.isWorker;
}

export function workerId(): number | undefined {
  return cluster.worker?.id;
}

/**
 * In a worker: offers `registry` to the primary's aggregation and returns what /metrics serves —
 * all workers' metrics, fetched through the primary.
 */
export function workerMetrics(registry: Registry): () => Promise<string> {
  new AggregatorRegistry(); // installs the worker's side of prom-client's cluster protocol
  AggregatorRegistry.setRegistries([registry]);
  let next = 0;
  const pending = new Map<number, (text: string) => void>();
  process.on('message', (m: unknown) => {
    if (isMetricsMessage(m) && m.type === METRICS_REPLY) {
      pending.get(m.id)?.(m.text ?? '');
      pending.delete(m.id);
    }
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the supervising process did not answer'));
      }, 5000);
      pending.set(id, (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      process.send!({ type: METRICS_REQUEST, id });
    });
}

export interface SuperviseOptions {
  readonly count: number;
  readonly logger: Logger;
  /** After SIGTERM, how long the workers get to drain before they are killed. */
  readonly stopTimeoutMs: number;
}

/** Workers that die this soon after starting count towards giving up. */
const QUICK_DEATH_MS = 10_000;
const QUICK_DEATHS_TO_GIVE_UP = 5;

/** Runs in the primary until the workers have stopped; resolves with the exit code. */
export function superviseWorkers(o: SuperviseOptions): Promise<number> {
  const aggregator = new AggregatorRegistry();
  const started = new Map<number, number>();
  const live = new Set<Worker>();
  let stopping = false;
  let quickDeaths = 0;

  const fork = () => {
    const w = cluster.fork();
    started.set(w.id, Date.now());
    live.add(w);
  };
  cluster.on('message', (worker, m: unknown) => {
    if (!isMetricsMessage(m) || m.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_REPLY, id: m.id, text }),
      (e: Error) => worker.send({ type: METRICS_REPLY, id: m.id, text: `# podguard: adding up the workers' metrics failed: ${e.message}\n` }),
    );
  });

  return new Promise((resolve) => {
    let code = 0;
    const signalAll = (signal: NodeJS.Signals) => {
      for (const w of live) w.process.kill(signal);
    };
    const stop = (reason: string, exitCode: number) => {
      if (stopping) return;
      stopping = true;
      code = exitCode;
      o.logger.info('stopping the workers', { reason, workers: live.size });
      signalAll('SIGTERM');
      setTimeout(() => {
        if (live.size === 0) return;
        o.logger.warn('workers did not stop in time; killing them', { workers: live.size });
        signalAll('SIGKILL');
      }, o.stopTimeoutMs).unref();
    };
    cluster.on('exit', (worker, exitCode, signal) => {
      live.delete(worker);
      if (stopping) {
        if (live.size === 0) resolve(code);
        return;
      }
      const lived = Date.now() - (started.get(worker.id) ?? 0);
      o.logger.error('worker exited; starting another', { worker: worker.id, exitCode, signal, livedMs: lived });
      if (lived < QUICK_DEATH_MS && ++quickDeaths >= QUICK_DEATHS_TO_GIVE_UP) {
        stop(`${quickDeaths} workers exited within ${QUICK_DEATH_MS / 1000}s of starting`, 1);
        if (live.size === 0) resolve(1);
        return;
      }
      fork();
    });
    process.once('SIGTERM', () => stop('SIGTERM', 0));
    process.once('SIGINT', () => stop('SIGINT', 0));
    process.on('SIGHUP', () => signalAll('SIGHUP'));
    for (let i = 0; i < o.count; i++) fork();
    o.logger.info('workers started', { workers: o.count });
  });
}
