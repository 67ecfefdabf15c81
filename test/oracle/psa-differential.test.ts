// podguard against upstream's own Pod Security Admission evaluator (k8s.io/pod-security-admission
// v0.37.2, linked into .tools/bin/psa-oracle): random security-relevant pods, each judged at
// several levels and versions so that every version v1.0 … v1.37 and latest is covered many
// times; the verdict, every check's id, reason and detail, and the aggregate message must be
// identical. A fixed seed (the CI corpus) and a seed that changes per run (printed; replay it
// with PODGUARD_SEED=N) are both run.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { generatePod } from '../kubernetes-support/pod-generator';
import { podguardScan, writeDocuments, type ScanResult } from '../kubernetes-support/podguard-cli';
import { PROFILES, profileNamespace, profilesConfig } from '../kubernetes-support/profiles';
import { oracleEvaluate, type OracleVerdict, type Profile } from '../kubernetes-support/psa-oracle';
import { Random, seeds } from '../support/random';
import { tempDir } from '../support/temp-dir';
import { missingTools } from '../kubernetes-support/tools';

const skip = missingTools('psa-oracle');
// A skipped describe() is not counted in the summary line; this test is, so a run without the
// tools says how much it skipped.
if (skip) test('podguard scan judges pods exactly like upstream Pod Security Admission', { skip }, () => undefined);
const FIXED_SEED = 20_251_210;
const FIXED_PODS = 20_000;
const PER_RUN_PODS = 2_000;
const PROFILES_PER_POD = 3;
const DOCS_PER_FILE = 5_000;
const ALL_PROFILES: readonly Profile[] = [...PROFILES, { level: 'privileged', version: 'latest' }, { level: 'privileged', version: 'v1.0' }];

interface Case {
  readonly id: string;
  readonly pod: Record<string, unknown>;
  readonly profiles: Profile[];
}

function generate(seed: number, count: number): Case[] {
  const r = new Random(seed);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const { id, pod } = generatePod(r, i);
    // The first profile walks through all of them in turn (even coverage); the others are random.
    const profiles = [ALL_PROFILES[i % ALL_PROFILES.length]!];
    while (profiles.length < PROFILES_PER_POD) {
      const p = r.pick(ALL_PROFILES);
      if (!profiles.includes(p)) profiles.push(p);
    }
    cases.push({ id, pod, profiles });
  }
  return cases;
}

/** podguard's violations in upstream's message order: baseline checks by id, then restricted ones. */
function upstreamOrder<T extends { check: string; level?: string }>(violations: readonly T[]): T[] {
  const rank = (v: T) => (v.level === 'baseline' ? 0 : 1);
  return [...violations].sort((a, b) => rank(a) - rank(b) || (a.check < b.check ? -1 : a.check > b.check ? 1 : 0));
}

function comparable(violations: readonly { check: string; reason: string; detail: string }[]): string[] {
  return violations.map((v) => JSON.stringify([v.check, v.reason, v.detail])).sort();
}

interface Difference {
  readonly id: string;
  readonly profile: Profile;
  readonly pod: unknown;
  readonly podguard: unknown;
  readonly oracle: unknown;
}

function compare(c: Case, profile: Profile, ours: ScanResult | undefined, theirs: OracleVerdict | undefined): Difference | undefined {
  const diff = (podguard: unknown) => ({ id: c.id, profile, pod: c.pod, podguard, oracle: theirs });
  if (!theirs) return diff(ours ?? 'no result');
  if (!ours) return diff('no result');
  const pss = ours.violations.filter((v) => v.standard === 'pss');
  const message = upstreamOrder(pss)
    .map((v) => (v.detail ? `${v.reason} (${v.detail})` : v.reason))
    .join(', ');
  const same =
    ours.allowed === theirs.allowed && JSON.stringify(comparable(pss)) === JSON.stringify(comparable(theirs.violations)) && message === theirs.message;
  return same ? undefined : diff({ allowed: ours.allowed, violations: pss, message });
}

async function differential(
  seed: number,
  count: number,
  label: string,
): Promise<{ pods: number; identical: number; evaluations: number; differences: Difference[] }> {
  const cases = generate(seed, count);
  const dir = tempDir('podguard-oracle-');
  // podguard: every (pod, profile) pair once, in the namespace whose settings are that profile.
  const docs: unknown[] = [];
  for (const c of cases) {
    for (const p of c.profiles) {
      const meta = c.pod['metadata'] as Record<string, unknown>;
      docs.push({ ...c.pod, metadata: { ...meta, namespace: profileNamespace(p) } });
    }
  }
  for (let i = 0; i < docs.length; i += DOCS_PER_FILE)
    writeDocuments(path.join(dir, 'pods', `${String(i / DOCS_PER_FILE).padStart(3, '0')}.yaml`), docs.slice(i, i + DOCS_PER_FILE));
  fs.writeFileSync(path.join(dir, 'podguard.yaml'), profilesConfig(ALL_PROFILES));
  const [scan, oracle] = await Promise.all([
    podguardScan(['--config', 'podguard.yaml', 'pods'], dir),
    oracleEvaluate(cases.map((c) => ({ id: c.id, profiles: c.profiles, pod: c.pod }))),
  ]);
  assert.deepEqual(scan.errors, [], 'podguard read every generated document');
  const byKey = new Map<string, ScanResult>();
  for (const r of scan.results) byKey.set(`${r.object.namespace}/${r.object.name}`, r);
  const differences: Difference[] = [];
  let identical = 0;
  let evaluations = 0;
  for (const c of cases) {
    const answer = oracle.get(c.id);
    assert.ok(answer && !answer.error, `the oracle decoded ${c.id}: ${answer?.error ?? 'no answer'}`);
    let same = true;
    c.profiles.forEach((p, i) => {
      evaluations++;
      const ours = byKey.get(`${profileNamespace(p)}/${c.id}`);
      // The per-namespace settings must really have judged the pod at p (guards the harness itself).
      const judgedAt = ours?.profile ?? scan.profile;
      const expectVersion = p.version === 'latest' ? 'v1.37' : p.version;
      if (ours && (judgedAt.level !== p.level || judgedAt.version !== expectVersion)) {
        throw new Error(`podguard judged ${c.id} in ${profileNamespace(p)} at ${judgedAt.level}:${judgedAt.version}, not ${p.level}:${p.version}`);
      }
      const d = compare(c, p, ours, answer.verdicts?.[i]);
      if (d) {
        same = false;
        differences.push(d);
      }
    });
    if (same) identical++;
  }
  console.log(`psa-oracle (${label}, seed ${seed}): ${identical}/${cases.length} identical (${evaluations} evaluations, ${differences.length} differing)`);
  for (const d of differences.slice(0, 10)) {
    console.log(`difference: ${d.id} at ${d.profile.level}:${d.profile.version} (seed ${seed}; replay with PODGUARD_SEED=${seed} for the per-run corpus)`);
    console.log(`  pod:      ${JSON.stringify(d.pod)}`);
    console.log(`  podguard: ${JSON.stringify(d.podguard)}`);
    console.log(`  upstream: ${JSON.stringify(d.oracle)}`);
  }
  if (differences.length > 10) console.log(`… and ${differences.length - 10} more differences`);
  return { pods: cases.length, identical, evaluations, differences };
}

describe('podguard scan judges pods exactly like upstream Pod Security Admission', { skip }, () => {
  test('the corpus covers every level and version many times', () => {
    const counts = new Map<string, number>();
    for (const c of generate(FIXED_SEED, FIXED_PODS))
      for (const p of c.profiles) counts.set(`${p.level}:${p.version}`, (counts.get(`${p.level}:${p.version}`) ?? 0) + 1);
    for (const p of ALL_PROFILES) assert.ok((counts.get(`${p.level}:${p.version}`) ?? 0) >= 200, `${p.level}:${p.version} is judged at least 200 times`);
  });

  const { fixed, perRun } = seeds(FIXED_SEED);
  let total = 0;
  let same = 0;
  test(`fixed seed ${fixed}: ${FIXED_PODS} pods`, { timeout: 600_000 }, async () => {
    const r = await differential(fixed, FIXED_PODS, 'fixed');
    total += r.pods;
    same += r.identical;
    assert.equal(r.differences.length, 0, `${r.differences.length} differences from upstream (printed above)`);
  });
  test(`per-run seed ${perRun}: ${PER_RUN_PODS} pods`, { timeout: 600_000 }, async () => {
    console.log(`per-run seed: ${perRun} (replay with PODGUARD_SEED=${perRun})`);
    const r = await differential(perRun, PER_RUN_PODS, 'per-run');
    total += r.pods;
    same += r.identical;
    assert.equal(r.differences.length, 0, `${r.differences.length} differences from upstream (printed above)`);
  });
  test('summary', () => {
    console.log(`psa-oracle: ${same}/${total} identical`);
    assert.equal(same, total);
  });
});

describe('the PSA differential itself (no tools needed)', () => {
  const c: Case = { id: 'pod-0', pod: {}, profiles: [] };
  const profile = { level: 'baseline', version: 'v1.30' };
  const upstream: OracleVerdict = {
    ...profile,
    allowed: false,
    violations: [
      { check: 'hostNamespaces', reason: 'host namespaces', detail: 'hostPID=true' },
      { check: 'privileged', reason: 'privileged', detail: 'container "a" must not set securityContext.privileged=true' },
    ],
    message: 'host namespaces (hostPID=true), privileged (container "a" must not set securityContext.privileged=true)',
  };
  const ours = (violations: ScanResult['violations'], allowed = false): ScanResult => ({
    source: { file: 'f', document: 0, line: 1 },
    object: { kind: 'Pod', name: 'pod-0' },
    allowed,
    violations,
  });
  const pss = (check: string, reason: string, detail: string, level = 'baseline') => ({ check, standard: 'pss', level, reason, detail });
  const same = [
    pss('privileged', 'privileged', 'container "a" must not set securityContext.privileged=true'),
    pss('hostNamespaces', 'host namespaces', 'hostPID=true'),
  ];

  test("podguard's riskiest-first order and its own policies do not count as differences", () => {
    assert.equal(compare(c, profile, ours([...same, { check: 'host-pid', standard: 'podguard', reason: 'x', detail: 'y' }]), upstream), undefined);
  });
  test('a different verdict, detail, missing check or missing result is a difference', () => {
    assert.ok(compare(c, profile, ours(same, true), upstream));
    assert.ok(compare(c, profile, ours([same[0]!, pss('hostNamespaces', 'host namespaces', 'hostPID=true, hostIPC=true')]), upstream));
    assert.ok(compare(c, profile, ours([same[0]!]), upstream));
    assert.ok(compare(c, profile, undefined, upstream));
  });
  test('a check reported at the wrong level changes the rebuilt message order: a difference', () => {
    assert.ok(compare(c, profile, ours([same[0]!, pss('hostNamespaces', 'host namespaces', 'hostPID=true', 'restricted')]), upstream));
  });
});
