// podguard's PodSecurityPolicy admission against upstream's own plugin (k8s.io/kubernetes v1.24.17,
// linked into .tools/bin/psp-oracle with the RBAC authorizer over the case's objects): generated
// policies, RBAC grants and pods, created and updated. Compared: admitted or denied, the admitting
// policy (`kubernetes.io/psp`), the admitted pod, and the error text. Upstream collects the errors
// of the denying policies in a Go map, so with several denying policies their order varies from
// run to run; the message must equal podguard's with the per-policy groups in some order.
// A fixed seed (CI's corpus) and a per-run seed (printed; replay with PODGUARD_SEED=N).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run, jsonLines } from '../kubernetes-support/processes';
import { missingTools, toolPath } from '../kubernetes-support/tools';
import { Random, seeds } from '../support/random';
import { generateCase, type PspCase } from '../psp/generate';
import { normalisePod, podguardAdmit, sameMessage } from '../psp/compare';

const skip = missingTools('psp-oracle');
if (skip) test('psp admit decides exactly like upstream PodSecurityPolicy admission', { skip }, () => undefined);
const FIXED_SEED = 20_261_204;
const FIXED_CASES = 6_000;
const PER_RUN_CASES = 1_000;

interface OracleAnswer {
  readonly allowed: boolean;
  readonly pod?: Record<string, unknown>;
  readonly error?: string;
}

async function oracle(cases: readonly PspCase[]): Promise<OracleAnswer[]> {
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const done = await run(toolPath('psp-oracle'), [], { input });
  if (done.code !== 0) throw new Error(`psp-oracle exited with ${done.code}: ${done.stderr}`);
  return jsonLines<OracleAnswer>(done.stdout, 'psp-oracle');
}

/** The pod without the `kubernetes.io/psp` annotation: whether the policy changed anything else. */
function withoutPspAnnotation(pod: unknown): unknown {
  const copy = structuredClone(pod) as { metadata?: { annotations?: Record<string, string> } };
  delete copy.metadata?.annotations?.['kubernetes.io/psp'];
  return normalisePod(copy);
}

async function differential(seed: number, count: number): Promise<void> {
  const r = new Random(seed);
  const cases = Array.from({ length: count }, (_, i) => generateCase(r, i));
  const answers = await oracle(cases);
  assert.equal(answers.length, cases.length, 'one answer per case');
  const differences: string[] = [];
  const tally = { admitted: 0, mutated: 0, denied: 0, updates: 0 };
  cases.forEach((c, i) => {
    const want = answers[i]!;
    const got = podguardAdmit(c);
    if (c.operation === 'UPDATE') tally.updates++;
    const problems: string[] = [];
    if (got.allowed !== want.allowed) problems.push(`allowed: podguard ${got.allowed}, upstream ${want.allowed} (${want.error ?? ''})`);
    else if (want.allowed) {
      tally.admitted++;
      const gotPod = normalisePod(got.pod);
      const wantPod = normalisePod(want.pod);
      if (JSON.stringify(withoutPspAnnotation(gotPod)) !== JSON.stringify(withoutPspAnnotation(normalisePod(c.pod)))) tally.mutated++;
      try {
        assert.deepEqual(gotPod, wantPod);
      } catch {
        problems.push(`admitted pod differs:\n  podguard ${JSON.stringify(gotPod)}\n  upstream ${JSON.stringify(wantPod)}`);
      }
    } else {
      tally.denied++;
      if (!sameMessage(got, want.error ?? '')) problems.push(`message:\n  podguard ${got.message}\n  upstream ${want.error}`);
    }
    if (problems.length) differences.push(`${c.id} (seed ${seed}): ${problems.join('; ')}\n  case ${JSON.stringify(c)}`);
  });
  console.log(
    `psp-oracle: ${count - differences.length}/${count} identical (seed ${seed}: ${tally.admitted} admitted, ${tally.mutated} of them mutated, ${tally.denied} denied, ${tally.updates} updates)`,
  );
  assert.equal(differences.length, 0, differences.slice(0, 5).join('\n\n'));
  // The corpus must exercise every outcome, or a broken generator would pass.
  assert.ok(tally.admitted > count / 20 && tally.denied > count / 20 && tally.mutated > count / 50, JSON.stringify(tally));
}

describe('psp admit decides exactly like upstream PodSecurityPolicy admission', { skip }, () => {
  const { fixed, perRun } = seeds(FIXED_SEED);
  test(`fixed corpus: ${FIXED_CASES} cases`, { timeout: 600_000 }, () => differential(fixed, FIXED_CASES));
  test(`per-run seed ${perRun}: ${PER_RUN_CASES} cases`, { timeout: 600_000 }, () => differential(perRun, PER_RUN_CASES));
});
