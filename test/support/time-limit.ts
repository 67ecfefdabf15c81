// Runs one exported function of a compiled module in a worker thread and fails when it does not
// return within a deadline. A test that calls backtracking code directly cannot time out: the
// call blocks the event loop, so the test runner's own timeout never fires. A worker can be
// terminated from outside however long its regular expression runs.

import path from 'node:path';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fn = require(workerData.module)[workerData.name];
const started = process.hrtime.bigint();
Promise.resolve(fn(...workerData.args)).then(
  (value) => parentPort.postMessage({ ok: true, value, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
  (e) => parentPort.postMessage({ ok: false, error: String(e && e.stack || e) }),
);
`;

export interface Timed<T> {
  readonly value: T;
  readonly ms: number;
}

/** `module` is a path relative to dist/ (e.g. 'src/sources/split-documents'), `name` an export of it. */
export function callWithin<T>(limitMs: number, module: string, name: string, args: readonly unknown[]): Promise<Timed<T>> {
  const modulePath = path.join(__dirname, '..', '..', module);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: modulePath, name, args } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`${name}() did not return within ${limitMs} ms`));
    }, limitMs);
    worker.once('message', (m: { ok: boolean; value?: T; ms?: number; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.ok) resolve({ value: m.value as T, ms: m.ms! });
      else reject(new Error(m.error));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
