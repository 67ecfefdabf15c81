// Runs scan, decide and fix on generated hostile input (hostile-inputs.ts) with a time limit per
// case. The cases run one after another in a worker thread; this thread watches the clock and
// terminates the worker when a case overruns, which a test calling backtracking code directly
// could not do (a blocked event loop never fires its own timeout).
//
// Seeded: the seed is printed; PODGUARD_FUZZ_SEED=<n> replays a run, PODGUARD_FUZZ_CASES=<n>
// runs more cases.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { hostileCases } from './hostile-inputs';

const SEED = Number(process.env['PODGUARD_FUZZ_SEED'] ?? Date.now() % 1_000_000);
const CASES = Number(process.env['PODGUARD_FUZZ_CASES'] ?? 40);
/** Generous for a shared 2-core CI machine; every case takes well under a second on its own. */
const CASE_LIMIT_MS = 8000;
/** The whole run stays bounded whatever the seed. */
const TOTAL_LIMIT_MS = 50_000;

test(`scan, decide and fix return within ${CASE_LIMIT_MS} ms on every hostile input (seed ${SEED})`, { timeout: TOTAL_LIMIT_MS + 10_000 }, async (t) => {
  t.diagnostic(`fuzz seed ${SEED}: rerun with PODGUARD_FUZZ_SEED=${SEED}`);
  console.log(`# fuzz seed ${SEED}, ${CASES} cases`);
  const cases = hostileCases(SEED, CASES);
  const worker = new Worker(path.join(__dirname, 'run-case.js'));
  const started = Date.now();
  try {
    for (let i = 0; i < cases.length; i++) {
      if (Date.now() - started > TOTAL_LIMIT_MS) {
        t.diagnostic(`stopped after ${i} cases: the run's time budget is spent`);
        break;
      }
      const c = cases[i]!;
      const t0 = Date.now();
      const answer = await new Promise<{ ok: boolean; info?: string; error?: string } | 'timeout'>((resolve, reject) => {
        const timer = setTimeout(() => resolve('timeout'), CASE_LIMIT_MS);
        worker.once('message', (m: { ok: boolean; info?: string; error?: string }) => {
          clearTimeout(timer);
          resolve(m);
        });
        worker.once('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
        worker.postMessage({ index: i, text: c.text });
      });
      const where = `case ${i} (${c.name}, ${c.text.length} characters, seed ${SEED})`;
      assert.notEqual(answer, 'timeout', `${where} did not finish within ${CASE_LIMIT_MS} ms`);
      if (answer === 'timeout') return;
      assert.ok(answer.ok, `${where} threw: ${answer.error}`);
      t.diagnostic(`${where}: ${Date.now() - t0} ms; ${answer.info}`);
    }
  } finally {
    await worker.terminate();
  }
});
