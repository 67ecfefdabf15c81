// `podguard vap export` against the real API server: the exported ValidatingAdmissionPolicies of
// every level and version are loaded into kube-apiserver, and every upstream Pod Security
// Admission fixture of that level and version (../shared/conformance/pss) is created with
// dryRun=All in two namespaces with the same pod-security.kubernetes.io labels: one exempt from
// the built-in PodSecurity plugin, judged by the exported policy alone, and one judged by the
// plugin (which runs before the policies). The policy's verdict must be the fixture's expected
// one, its message (less the frame the API server puts around it) the plugin's, and both must
// agree with podguard's own engine.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import yaml from 'js-yaml';
import { startCluster, type Cluster } from '../kubernetes-support/kube-cluster';
import type { KubeResponse } from '../kubernetes-support/kube-client';
import { missingTools, REPO } from '../kubernetes-support/tools';
import { exportPss } from '../../src/vap/pss/export';
import { aggregateMessage, evaluatePss } from '../../src/pss/evaluate';
import { NEWEST_MINOR } from '../../src/pss/version';
import { generatePod } from '../kubernetes-support/pod-generator';
import { validPod } from '../kubernetes-support/valid-pod';
import { Random, seeds } from '../support/random';

const CONFORMANCE = path.join(REPO, '..', 'shared', 'conformance', 'pss');
const skip =
  missingTools('kube-apiserver', 'etcd') ||
  (!fs.existsSync(path.join(CONFORMANCE, 'index.json')) && `no fixtures at ${CONFORMANCE}: the VAP export check is skipped`);
if (skip) test('exported Pod Security Standards policies on the real API server', { skip }, () => undefined);

interface Case {
  readonly file: string;
  readonly level: 'baseline' | 'restricted';
  readonly version: string;
  readonly expect: 'pass' | 'fail';
}
const LEVELS = ['baseline', 'restricted'] as const;
const MINORS = Array.from({ length: NEWEST_MINOR + 1 }, (_, i) => i);
const ns = (kind: 'vap' | 'psa', level: string, minor: number) => `${kind}-${level}-v1-${minor}`;
const ALL_VAP_NAMESPACES = LEVELS.flatMap((l) => MINORS.map((m) => ns('vap', l, m)));

/** The denial message without the API server's frames: `pods "x" is forbidden: ` and the policy's. */
function denial(r: KubeResponse): string | undefined {
  if (r.status !== 403) return undefined;
  return String(r.body?.message ?? '')
    .replace(/^pods "[^"]*" is forbidden: /, '')
    .replace(/^ValidatingAdmissionPolicy '[^']*' with binding '[^']*' denied request: /, '');
}

describe('exported Pod Security Standards policies on the real API server', { skip }, () => {
  let cluster: Cluster;

  before(async () => {
    cluster = await startCluster({ podSecurity: { exemptNamespaces: [...ALL_VAP_NAMESPACES, 'vap-updates'] } });
    for (const level of LEVELS) {
      for (const minor of MINORS) {
        for (const o of exportPss({ level, version: minor, actions: ['Deny'], namespaces: 'label', static: false })) {
          const resource = o['kind'] === 'ValidatingAdmissionPolicy' ? 'validatingadmissionpolicies' : 'validatingadmissionpolicybindings';
          await cluster.admin.must('POST', `/apis/admissionregistration.k8s.io/v1/${resource}`, o);
        }
        const labels = { 'pod-security.kubernetes.io/enforce': level, 'pod-security.kubernetes.io/enforce-version': `v1.${minor}` };
        for (const kind of ['vap', 'psa'] as const)
          await cluster.admin.must('POST', '/api/v1/namespaces', { metadata: { name: ns(kind, level, minor), labels } });
      }
    }
    // The API server picks policies up asynchronously: wait until the newest baseline one denies.
    const probe = { metadata: { name: 'probe' }, spec: { hostPID: true, containers: [{ name: 'c', image: 'i' }] } };
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = await Promise.all(
        [ns('vap', 'baseline', 0), ns('vap', 'baseline', NEWEST_MINOR), ns('vap', 'restricted', 0)].map((n) =>
          cluster.admin.request('POST', `/api/v1/namespaces/${n}/pods?dryRun=All`, probe),
        ),
      );
      if (ready.every((r) => r.status === 403)) break;
      if (Date.now() > deadline) throw new Error(`the exported policies did not deny: ${JSON.stringify(ready.map((r) => r.body?.message))}`);
      await new Promise((res) => setTimeout(res, 500));
    }
  });

  after(async () => {
    cluster?.admin.close();
    await cluster?.stop();
  });

  test('every fixture at every level and version: the policy gives PSA verdict and message', { timeout: 600_000 }, async () => {
    const index = JSON.parse(fs.readFileSync(path.join(CONFORMANCE, 'index.json'), 'utf8')) as { cases: Case[] };
    const cases = index.cases;
    const perVersion = new Map<string, { cases: number; differences: number }>();
    const differences: string[] = [];
    let sameMessage = 0;
    let sameAsEngine = 0;
    let denied = 0;
    let rejectedByValidation = 0;
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < cases.length; i = next++) {
        const c = cases[i]!;
        const minor = Number(c.version.slice(3));
        const pod = yaml.load(fs.readFileSync(path.join(CONFORMANCE, c.file), 'utf8')) as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
        // Fixture names (with underscores) are not valid object names; the name plays no part in the verdict.
        const body = { ...pod, metadata: { ...pod.metadata, name: `fixture-${i}` } };
        const [viaVap, viaPsa] = await Promise.all(
          (['vap', 'psa'] as const).map((kind) => cluster.admin.request('POST', `/api/v1/namespaces/${ns(kind, c.level, minor)}/pods?dryRun=All`, body)),
        );
        const key = `${c.level}:${c.version}`;
        const tally = perVersion.get(key) ?? { cases: 0, differences: 0 };
        perVersion.set(key, tally);
        tally.cases++;
        if (viaVap.status === 422 && viaPsa.status === 422) {
          rejectedByValidation++; // the API server's validation, before admission, in both
          continue;
        }
        const vapMessage = denial(viaVap);
        const psaMessage = denial(viaPsa);
        const engine = evaluatePss(pod.metadata, pod.spec, { level: c.level, version: minor });
        const engineMessage = engine.length > 0 ? aggregateMessage({ level: c.level, version: minor }, engine) : undefined;
        const problems: string[] = [];
        if ((vapMessage !== undefined) !== (c.expect === 'fail'))
          problems.push(`policy: ${viaVap.status} ${JSON.stringify(viaVap.body?.message ?? '')}, expected ${c.expect}`);
        if (viaVap.status !== 403 && viaVap.status !== 201) problems.push(`policy request: ${viaVap.status} ${JSON.stringify(viaVap.body?.message)}`);
        if (vapMessage !== psaMessage) problems.push(`message: policy ${JSON.stringify(vapMessage)}, PodSecurity ${JSON.stringify(psaMessage)}`);
        // The engine judges the pod as written; the API server judges it after defaulting, which
        // (since 1.30) copies AppArmor annotations into fields, so only the verdicts must agree.
        if ((vapMessage !== undefined) !== (engineMessage !== undefined)) problems.push(`engine: ${JSON.stringify(engineMessage)}`);
        if (vapMessage === engineMessage) sameAsEngine++;
        if (vapMessage !== undefined) denied++;
        if (vapMessage === psaMessage) sameMessage++;
        if (problems.length > 0) {
          tally.differences++;
          differences.push(`${c.file} (${key}, expect ${c.expect}):\n    ${problems.join('\n    ')}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    const newest = perVersion.get(`baseline:v1.${NEWEST_MINOR}`)!;
    const newestRestricted = perVersion.get(`restricted:v1.${NEWEST_MINOR}`)!;
    console.log(
      `exported policies on ${cases.length} fixtures: ${differences.length} differences; ${denied} denied; ${sameMessage} with PodSecurity's own message, ${sameAsEngine} with podguard's engine's; ` +
        `${rejectedByValidation} rejected by API validation before admission; baseline:v1.${NEWEST_MINOR} ${newest.differences}/${newest.cases}, ` +
        `restricted:v1.${NEWEST_MINOR} ${newestRestricted.differences}/${newestRestricted.cases}`,
    );
    for (const d of differences.slice(0, 15)) console.log(`difference: ${d}`);
    assert.ok(denied > 1000, `the fixtures exercise denials (${denied})`);
    assert.equal(differences.length, 0, `${differences.length} differences (the first printed above)`);
  });

  test('generated pods (every field a check reads, several violations at once): the policy says what PodSecurity says', { timeout: 600_000 }, async () => {
    const { fixed, perRun } = seeds(37);
    console.log(`per-run seed: ${perRun} (replay with PODGUARD_SEED=${perRun})`);
    const cases: { id: string; pod: Record<string, unknown>; level: 'baseline' | 'restricted'; minor: number }[] = [];
    for (const [seed, count] of [
      [fixed, 1500],
      [perRun, 300],
    ] as const) {
      const r = new Random(seed);
      for (let i = 0; i < count; i++) {
        const pod = validPod(generatePod(r, i).pod, r);
        // Half at the newest version, the rest spread over the older ones.
        cases.push({ id: `seed ${seed} #${i}`, pod, level: r.pick(LEVELS), minor: r.int(2) === 0 ? NEWEST_MINOR : r.int(NEWEST_MINOR) });
      }
    }
    let judged = 0;
    let denied = 0;
    let identical = 0;
    const differences: string[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < cases.length; i = next++) {
        const c = cases[i]!;
        const body = { ...c.pod, metadata: { ...(c.pod['metadata'] as object), namespace: undefined } };
        const [viaVap, viaPsa] = await Promise.all(
          (['vap', 'psa'] as const).map((kind) => cluster.admin.request('POST', `/api/v1/namespaces/${ns(kind, c.level, c.minor)}/pods?dryRun=All`, body)),
        );
        if (viaPsa.status === 422) continue; // rejected by validation before admission
        judged++;
        const vap = { status: viaVap.status, message: denial(viaVap) };
        const psa = { status: viaPsa.status, message: denial(viaPsa) };
        if (psa.status === 403) denied++;
        if (JSON.stringify(vap) === JSON.stringify(psa)) identical++;
        else
          differences.push(
            `${c.id} at ${c.level}:v1.${c.minor}\n  pod:         ${JSON.stringify(body)}\n  policy:      ${JSON.stringify(vap)}\n  PodSecurity: ${JSON.stringify(psa)}`,
          );
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    console.log(
      `exported policies on generated pods: ${identical}/${judged} identical to PodSecurity (${denied} denied; ${cases.length - judged} failed validation)`,
    );
    for (const d of differences.slice(0, 10)) console.log(`difference: ${d}`);
    assert.ok(judged > 800 && denied > 300 && judged - denied > 40, 'the pods exercise allow and deny');
    assert.equal(differences.length, 0, `${differences.length} differences (the first printed above)`);
  });

  test('ephemeral containers and pod updates are judged as PodSecurity judges them', { timeout: 120_000 }, async () => {
    const minor = NEWEST_MINOR;
    const seen: string[] = [];
    for (const kind of ['vap', 'psa'] as const) {
      const namespace = ns(kind, 'baseline', minor);
      const base = `/api/v1/namespaces/${namespace}/pods`;
      const created = await cluster.admin.must('POST', base, {
        metadata: { name: 'running', labels: { a: 'b' } },
        spec: { containers: [{ name: 'app', image: 'i' }] },
      });
      // An ephemeral container that breaks baseline, through the subresource.
      const debug = {
        ...created,
        spec: { ...created.spec, ephemeralContainers: [{ name: 'debug', image: 'busybox', securityContext: { privileged: true } }] },
      };
      const viaSubresource = await cluster.admin.request('PUT', `${base}/running/ephemeralcontainers?dryRun=All`, debug);
      // A pod that predates its namespace's label: PodSecurity judges an update again only when it
      // is significant (a new image), not a label change (isSignificantPodUpdate).
      const updates = kind === 'vap' ? 'vap-updates' : 'psa-updates';
      await cluster.admin.must('POST', '/api/v1/namespaces', { metadata: { name: updates } });
      const bad = await cluster.admin.must('POST', `/api/v1/namespaces/${updates}/pods`, {
        metadata: { name: 'old', labels: { a: 'b' } },
        spec: { hostPID: true, containers: [{ name: 'app', image: 'i' }] },
      });
      await cluster.admin.must(
        'PATCH',
        `/api/v1/namespaces/${updates}`,
        { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } },
        'application/merge-patch+json',
      );
      const relabel = await cluster.admin.request('PUT', `/api/v1/namespaces/${updates}/pods/old?dryRun=All`, {
        ...bad,
        metadata: { ...bad.metadata, labels: { a: 'c' } },
      });
      const reimage = await cluster.admin.request('PUT', `/api/v1/namespaces/${updates}/pods/old?dryRun=All`, {
        ...bad,
        spec: { ...bad.spec, containers: [{ ...bad.spec.containers[0], image: 'j' }] },
      });
      seen.push(
        JSON.stringify({ ephemeral: [viaSubresource.status, denial(viaSubresource)], relabel: relabel.status, reimage: [reimage.status, denial(reimage)] }),
      );
    }
    console.log(`ephemeral containers and updates: policy ${seen[0]}, PodSecurity ${seen[1]}`);
    assert.match(seen[0]!, /privileged \(container \\"debug\\" must not set securityContext.privileged=true\)/);
    assert.match(seen[0]!, /"relabel":200,"reimage":\[403,"violates PodSecurity \\"baseline:latest\\": host namespaces \(hostPID=true\)"\]/);
    assert.equal(seen[0], seen[1]);
  });
});
