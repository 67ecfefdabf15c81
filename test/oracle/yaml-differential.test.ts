// podguard's YAML reader against what kubectl and the API server read: apimachinery's document
// splitter and sigs.k8s.io/yaml (in .tools/bin/psa-oracle). Hand-written streams for each YAML 1.1
// corner and generated ones mixing them (fixed seed plus a per-run seed). Any difference in the
// objects, or a document one side rejects and the other reads, is a failure.

import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { describe, test } from 'node:test';
import { podguardDocuments, type Outcome } from '../kubernetes-support/podguard-yaml';
import { oracleReadYAMLBatch, type OracleDocument } from '../kubernetes-support/psa-oracle';
import { Random, seeds } from '../support/random';
import { HAND_WRITTEN, generatedStream } from '../kubernetes-support/yaml-cases';
import { missingTools } from '../kubernetes-support/tools';

const skip = missingTools('psa-oracle');
// A skipped describe() is not counted in the summary line; this test is, so a run without the
// tools says how much it skipped.
if (skip) test('podguard reads YAML exactly as kubectl and the API server do', { skip }, () => undefined);
const GENERATED = 3_000;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** What kubectl makes of each document: skipped when empty, else an object or a rejection. */
function kubernetesOutcomes(docs: readonly OracleDocument[]): Outcome[] {
  const out: Outcome[] = [];
  for (const d of docs) {
    if (d.error !== undefined) out.push({ rejected: d.error });
    else if (d.object === null || d.object === undefined) continue;
    else if (
      !isObject(d.object) ||
      typeof d.object['kind'] !== 'string' ||
      d.object['kind'] === '' ||
      typeof d.object['apiVersion'] !== 'string' ||
      d.object['apiVersion'] === ''
    )
      out.push({ rejected: 'not a Kubernetes object' });
    else out.push({ object: d.object });
  }
  return out;
}

function same(a: Outcome[], b: Outcome[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    if ('rejected' in x || 'rejected' in y) return 'rejected' in x && 'rejected' in y;
    return isDeepStrictEqual(x.object, y.object);
  });
}

/** A one-line kind of difference (of the first document that differs), so a report shows which corners differ and how often. */
function category(ours: Outcome[], theirs: Outcome[]): string {
  for (let i = 0; i < Math.min(ours.length, theirs.length); i++) {
    const a = ours[i]!;
    const b = theirs[i]!;
    if ('rejected' in a && !('rejected' in b)) return `podguard rejects, kubectl reads: ${a.rejected}`;
    if ('rejected' in b && !('rejected' in a)) return `kubectl rejects, podguard reads: ${b.rejected.replace(/[0-9]+/g, 'N')}`;
    if (!('rejected' in a) && !('rejected' in b) && !isDeepStrictEqual(a.object, b.object)) return 'objects differ';
  }
  return 'different numbers of documents';
}

const categories = new Map<string, number>();

async function compareStreams(cases: [string, string][]): Promise<string[]> {
  const differences: string[] = [];
  const oracle = await oracleReadYAMLBatch(cases.map(([id, yaml]) => ({ id, yaml })));
  for (const [name, text] of cases) {
    const docs = oracle.get(name);
    assert.ok(docs, `the oracle answered for ${name}`);
    const theirs = kubernetesOutcomes(docs);
    const ours = podguardDocuments(text);
    if (same(ours, theirs)) continue;
    const kind = category(ours, theirs);
    categories.set(kind, (categories.get(kind) ?? 0) + 1);
    differences.push(`${name}\n  yaml:     ${JSON.stringify(text)}\n  podguard: ${JSON.stringify(ours)}\n  kubectl:  ${JSON.stringify(theirs)}`);
  }
  return differences;
}

describe('podguard reads YAML exactly as kubectl and the API server do (sigs.k8s.io/yaml)', { skip }, () => {
  const { fixed, perRun } = seeds(4_242);
  let total = 0;
  let differing = 0;
  const report = (label: string, n: number, differences: string[]) => {
    total += n;
    differing += differences.length;
    console.log(`yaml-oracle (${label}): ${n - differences.length}/${n} identical`);
    for (const d of differences.slice(0, 15)) console.log(`difference: ${d}`);
  };

  test('hand-written cases', { timeout: 300_000 }, async () => {
    const differences = await compareStreams(Object.entries(HAND_WRITTEN));
    report('hand-written', Object.keys(HAND_WRITTEN).length, differences);
    assert.deepEqual(differences, []);
  });

  for (const [label, seed] of [
    ['fixed', fixed],
    ['per-run', perRun],
  ] as const) {
    test(`generated streams, ${label} seed ${seed}`, { timeout: 600_000 }, async () => {
      if (label === 'per-run') console.log(`per-run seed: ${seed} (replay with PODGUARD_SEED=${seed})`);
      const r = new Random(seed);
      const cases: [string, string][] = [];
      for (let i = 0; i < (label === 'fixed' ? GENERATED : GENERATED / 3); i++) cases.push([`generated #${i} (seed ${seed})`, generatedStream(r)]);
      const differences = await compareStreams(cases);
      report(`generated, seed ${seed}`, cases.length, differences);
      assert.equal(differences.length, 0, `${differences.length} streams read differently (printed above)`);
    });
  }

  test('summary', () => {
    for (const [kind, n] of [...categories].sort((x, y) => y[1] - x[1])) console.log(`  ${n} × ${kind}`);
    console.log(`yaml-oracle: ${total - differing}/${total} identical, ${differing} differences`);
    assert.equal(differing, 0);
  });
});
