// podguard serve called by a real kube-apiserver, side by side with the built-in PodSecurity
// admission plugin on the same requests: namespace "*-a" is judged by the built-in plugin,
// namespace "*-b" (exempt from the plugin in its PodSecurityConfiguration) by podguard's
// webhook only, both with the same pod-security.kubernetes.io labels. The status, the warnings
// and the denial message (less the frame the API server puts around a webhook's message, and
// with the namespace name normalised) must be identical, for generated pods, for workloads sent
// with the real kubectl, for ephemeral containers added to running pods, and for namespace
// label updates over existing pods (the dry-run warnings). Then the mutating webhook: its patches must be accepted and the stored pods pass
// the built-in plugin.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startCluster, type Cluster } from '../kubernetes-support/kube-cluster';
import type { KubeResponse } from '../kubernetes-support/kube-client';
import { generatePod } from '../kubernetes-support/pod-generator';
import { startPodguardServe, webhookConfigurations, type PodguardServer } from '../kubernetes-support/podguard-serve';
import { run } from '../kubernetes-support/processes';
import { Random, seeds } from '../support/random';
import { tempDir } from '../support/temp-dir';
import { missingTools, toolPath } from '../kubernetes-support/tools';
import { validPod } from '../kubernetes-support/valid-pod';

const skip = missingTools('kube-apiserver', 'etcd', 'kubectl');
// A skipped describe() is not counted in the summary line; this test is, so a run without the
// tools says how much it skipped.
if (skip) test('podguard serve side by side with the built-in PodSecurity plugin', { skip }, () => undefined);
const PODS = 900;
const JUDGED = { 'podguard-test/judge': 'podguard' };
const MUTATED = { 'podguard.io/mutate': 'true' };
const PSA = 'pod-security.kubernetes.io';

/** Label sets the namespace pairs carry; each generated pod goes to one pair. */
const LABEL_SETS: Record<string, string>[] = [
  { [`${PSA}/enforce`]: 'baseline', [`${PSA}/warn`]: 'restricted', [`${PSA}/audit`]: 'restricted' },
  { [`${PSA}/enforce`]: 'restricted', [`${PSA}/enforce-version`]: 'v1.24', [`${PSA}/warn`]: 'baseline', [`${PSA}/warn-version`]: 'v1.0' },
  { [`${PSA}/enforce`]: 'privileged', [`${PSA}/warn`]: 'restricted', [`${PSA}/warn-version`]: 'v1.30' },
  { [`${PSA}/enforce`]: 'restricted', [`${PSA}/enforce-version`]: 'latest' },
  { [`${PSA}/enforce`]: 'baseline', [`${PSA}/enforce-version`]: 'v1.10', [`${PSA}/warn`]: 'restricted', [`${PSA}/warn-version`]: 'v1.37' },
];
const pairs = LABEL_SETS.map((_, i) => ({ a: `side${i}-a`, b: `side${i}-b` }));
const UPDATE = { a: 'upd-a', b: 'upd-b' };
const MUTATE_NS = 'mutate';

/** What a client sees of one admission decision, comparable across the two namespaces. */
interface Seen {
  readonly status: number;
  readonly message: string;
  readonly warnings: string[];
}

function seen(r: KubeResponse, namespace: string, normal: string): Seen {
  const normalise = (s: string) => s.split(`"${namespace}"`).join(`"${normal}"`);
  let message = typeof r.body === 'object' && r.body && r.body.kind === 'Status' ? String(r.body.message ?? '') : '';
  // The built-in plugin's denial is framed `pods "x" is forbidden: …`, a webhook's
  // `admission webhook "name" denied the request: …` (k8s.io/apiserver webhook errors.go).
  message = message.replace(/^admission webhook "[^"]*" denied the request: /, '').replace(/^[a-z.]+ "[^"]*" is forbidden: /, '');
  // Validation (before validating admission, the same code for both namespaces) lists its errors
  // in Go map order, which differs between requests: compare its causes as a sorted list.
  if (r.status === 422 && Array.isArray(r.body?.details?.causes)) message = JSON.stringify(r.body.details.causes.map((c: unknown) => JSON.stringify(c)).sort());
  return { status: r.status, message: normalise(message), warnings: r.warnings.map(normalise) };
}

describe('the real API server: podguard serve side by side with the built-in PodSecurity plugin', { skip }, () => {
  let cluster: Cluster;
  let server: PodguardServer;

  before(async () => {
    cluster = await startCluster({ podSecurity: { exemptNamespaces: [...pairs.map((p) => p.b), UPDATE.b] } });
    server = await startPodguardServe(cluster.adminKubeconfig, ['--mutate']);
    const hooks = webhookConfigurations('podguard', server, JUDGED, MUTATED);
    await cluster.admin.must('POST', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', hooks.validating);
    await cluster.admin.must('POST', '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', hooks.mutating);
    const ns = (name: string, labels: Record<string, string>) => cluster.admin.must('POST', '/api/v1/namespaces', { metadata: { name, labels } });
    for (const [i, p] of pairs.entries()) {
      await ns(p.a, LABEL_SETS[i]!);
      await ns(p.b, { ...LABEL_SETS[i]!, ...JUDGED });
    }
    await ns(UPDATE.a, {});
    await ns(UPDATE.b, JUDGED);
    await ns(MUTATE_NS, { ...MUTATED, [`${PSA}/enforce`]: 'restricted' });
    // The API server picks webhook configurations up asynchronously: wait until podguard answers.
    const probe = { metadata: { name: 'probe' }, spec: { hostPID: true, containers: [{ name: 'c', image: 'i' }] } };
    const deadline = Date.now() + 30_000;
    for (;;) {
      const r = await cluster.admin.request('POST', `/api/v1/namespaces/${pairs[0]!.b}/pods?dryRun=All`, probe);
      if (r.status === 403 && String(r.body?.message).includes('admission webhook')) break;
      if (Date.now() > deadline) throw new Error(`podguard's webhook was not called: ${r.status} ${JSON.stringify(r.body)}`);
      await new Promise((res) => setTimeout(res, 250));
    }
  });

  after(async () => {
    cluster?.admin.close();
    await server?.stop();
    await cluster?.stop();
  });

  test(`${PODS} generated pods (fixed seed) and 100 more (per-run seed): same status, warnings and message`, { timeout: 600_000 }, async () => {
    const { fixed, perRun } = seeds(77);
    console.log(`per-run seed: ${perRun} (replay with PODGUARD_SEED=${perRun})`);
    const cases: { id: string; pod: Record<string, unknown> }[] = [];
    for (const [seed, count] of [
      [fixed, PODS],
      [perRun, 100],
    ] as const) {
      const r = new Random(seed);
      for (let i = 0; i < count; i++) cases.push({ id: `seed ${seed} #${i}`, pod: validPod(generatePod(r, i).pod, r) });
    }
    let identical = 0;
    let judged = 0;
    let denied = 0;
    let warned = 0;
    const differences: string[] = [];
    const CONCURRENCY = 6;
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < cases.length; i = next++) {
        const c = cases[i]!;
        const pair = pairs[i % pairs.length]!;
        const body = { ...c.pod, metadata: { ...(c.pod['metadata'] as object), namespace: undefined } };
        const [ra, rb] = await Promise.all([
          cluster.admin.request('POST', `/api/v1/namespaces/${pair.a}/pods?dryRun=All`, body),
          cluster.admin.request('POST', `/api/v1/namespaces/${pair.b}/pods?dryRun=All`, body),
        ]);
        const a = seen(ra, pair.a, 'NS');
        const b = seen(rb, pair.b, 'NS');
        if (a.status !== 422) judged++;
        if (a.status === 403) {
          denied++;
          assert.match(String(rb.body?.message), /^admission webhook "pod\.validate\.podguard\.io" denied the request: /, 'namespace B is judged by podguard');
        }
        if (a.warnings.length > 0) warned++;
        if (JSON.stringify(a) === JSON.stringify(b)) identical++;
        else
          differences.push(
            `${c.id} in ${pair.a}/${pair.b}\n  pod:      ${JSON.stringify(body)}\n  built-in: ${JSON.stringify(a)}\n  podguard: ${JSON.stringify(b)}`,
          );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(
      `side-by-side pods: ${identical}/${cases.length} identical (${judged} reached admission: ${denied} denied, ${warned} with warnings; the rest failed validation in both)`,
    );
    for (const d of differences.slice(0, 10)) console.log(`difference: ${d}`);
    assert.ok(judged >= 500, `at least 500 pods reached admission (${judged})`);
    assert.ok(denied > 50 && warned > 50 && judged - denied > 50, 'the pods exercise allow, deny and warn');
    assert.equal(differences.length, 0, `${differences.length} differences (printed above)`);
  });

  test('workloads and pods sent with the real kubectl apply get the same answers', { timeout: 120_000 }, async () => {
    const dir = tempDir('podguard-kubectl-apply-');
    const manifest = path.join(dir, 'objects.yaml');
    const privileged = { containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] };
    fs.writeFileSync(
      manifest,
      [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: privileged },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web' },
          spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: privileged } },
        },
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'nightly' },
          spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: { spec: { ...privileged, restartPolicy: 'Never' } } } } },
        },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n---\n'),
    );
    const apply = async (namespace: string) => {
      const r = await run(toolPath('kubectl'), ['--kubeconfig', cluster.adminKubeconfig, 'apply', '--dry-run=server', '-n', namespace, '-f', manifest], {
        env: { ...process.env, HOME: dir },
      });
      const normalise = (s: string) =>
        s
          .split(namespace)
          .join('NS')
          .replace(/admission webhook "[^"]*" denied the request: /g, '')
          .replace(/pods "web" is forbidden: /g, '');
      return { code: r.code, stdout: normalise(r.stdout), stderr: normalise(r.stderr) };
    };
    const pair = pairs[0]!; // enforce baseline, warn restricted
    const [a, b] = await Promise.all([apply(pair.a), apply(pair.b)]);
    assert.match(a.stderr, /violates PodSecurity "baseline:latest": privileged/);
    assert.match(a.stderr, /would violate PodSecurity "restricted:latest"/, 'the built-in plugin warns for the workloads');
    assert.deepEqual(b, a);
  });

  test('namespace label updates over existing pods: the same dry-run warnings', { timeout: 300_000 }, async () => {
    const r = new Random(99);
    let created = 0;
    for (let i = 0; i < 40; i++) {
      const pod = validPod(generatePod(r, i).pod, r);
      const [ra, rb] = await Promise.all([
        cluster.admin.request('POST', `/api/v1/namespaces/${UPDATE.a}/pods`, pod),
        cluster.admin.request('POST', `/api/v1/namespaces/${UPDATE.b}/pods`, pod),
      ]);
      assert.equal(ra.status, rb.status, `pod ${i} is created in both or neither`);
      if (ra.status === 201) created++;
    }
    assert.ok(created >= 20, `${created} existing pods`);
    const updates: Record<string, string>[] = [
      { [`${PSA}/enforce`]: 'baseline' },
      { [`${PSA}/enforce`]: 'restricted' },
      { [`${PSA}/enforce`]: 'restricted', [`${PSA}/enforce-version`]: 'v1.22' },
      { [`${PSA}/enforce`]: 'baseline', [`${PSA}/enforce-version`]: 'v1.0', [`${PSA}/warn`]: 'restricted' },
      { [`${PSA}/enforce`]: 'strict' },
      { [`${PSA}/enforce`]: 'privileged' },
    ];
    let withWarnings = 0;
    for (const labels of updates) {
      const patch = (name: string, extra: Record<string, string>) =>
        cluster.admin.request(
          'PATCH',
          `/api/v1/namespaces/${name}?dryRun=All`,
          { metadata: { labels: { ...labels, ...extra } } },
          'application/merge-patch+json',
        );
      const [ra, rb] = await Promise.all([patch(UPDATE.a, {}), patch(UPDATE.b, JUDGED)]);
      const a = seen(ra, UPDATE.a, 'NS');
      const b = seen(rb, UPDATE.b, 'NS');
      // The built-in plugin still sees the update of the namespace it exempts and says so
      // (k8s.io/pod-security-admission admission.go, namespace exemption warning); that warning
      // is the plugin's, not podguard's, so it is set aside for namespace B only.
      const builtInExemption = /^namespace "NS" is exempt from Pod Security, and the policy \(.*\) will be ignored$/;
      const exemptionWarnings = b.warnings.filter((w) => builtInExemption.test(w));
      assert.ok(exemptionWarnings.length <= 1);
      b.warnings.splice(0, b.warnings.length, ...b.warnings.filter((w) => !builtInExemption.test(w)));
      if (a.warnings.length > 0) withWarnings++;
      assert.deepEqual(b, a, `labels ${JSON.stringify(labels)}`);
    }
    console.log(`side-by-side namespace updates: ${updates.length}/${updates.length} identical (${withWarnings} with warnings over ${created} existing pods)`);
    assert.ok(withWarnings >= 2, 'some updates warn about existing pods');
  });

  test('ephemeral containers added to running pods (the pods/ephemeralcontainers subresource): same answers', { timeout: 300_000 }, async () => {
    const base = {
      metadata: { name: 'base' },
      spec: {
        securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'app', image: 'i', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      },
    };
    for (const pair of pairs) for (const ns of [pair.a, pair.b]) await cluster.admin.must('POST', `/api/v1/namespaces/${ns}/pods`, base);
    const r = new Random(4_711);
    let compared = 0;
    let denied = 0;
    for (let i = 0; compared < 150; i++) {
      const generated = validPod(generatePod(r, i).pod, r)['spec'];
      const source = (generated['containers'] as Record<string, any>[]).slice(0, 2);
      // What an ephemeral container may carry: no ports, probes, lifecycle or resources.
      const ephemeral = source.map((c, k) => ({
        name: `debug${k}`,
        image: 'i',
        ...(c['securityContext'] ? { securityContext: c['securityContext'] } : {}),
        targetContainerName: 'app',
      }));
      const pair = pairs[compared % pairs.length]!;
      const update = async (ns: string) => {
        const pod = await cluster.admin.must('GET', `/api/v1/namespaces/${ns}/pods/base`);
        pod.spec.ephemeralContainers = ephemeral;
        return cluster.admin.request('PUT', `/api/v1/namespaces/${ns}/pods/base/ephemeralcontainers?dryRun=All`, pod);
      };
      const [ra, rb] = await Promise.all([update(pair.a), update(pair.b)]);
      const a = seen(ra, pair.a, 'NS');
      const b = seen(rb, pair.b, 'NS');
      if (a.status === 403) denied++;
      assert.deepEqual(b, a, `ephemeral containers ${JSON.stringify(ephemeral)} in ${pair.a}/${pair.b}`);
      compared++;
    }
    console.log(`side-by-side ephemeral containers: ${compared}/${compared} identical (${denied} denied)`);
    assert.ok(denied >= 20, 'some ephemeral containers are denied');
  });

  test("the mutating webhook's patches are accepted and the stored pods pass the built-in restricted level", { timeout: 120_000 }, async () => {
    // Everything restricted needs except what podguard's safe fixes set (allowPrivilegeEscalation, seccompProfile).
    const pod = (name: string) => ({
      metadata: { name },
      spec: {
        securityContext: { runAsNonRoot: true, runAsUser: 1000 },
        containers: [{ name: 'app', image: 'i', securityContext: { capabilities: { drop: ['ALL'] } } }],
        initContainers: [{ name: 'init', image: 'i', securityContext: { capabilities: { drop: ['ALL'] } } }],
      },
    });
    const unmutated = await cluster.admin.request('POST', `/api/v1/namespaces/${pairs[3]!.a}/pods?dryRun=All`, pod('x'));
    assert.equal(unmutated.status, 403, 'without the mutation the built-in restricted level denies the pod');
    assert.match(unmutated.body.message, /allowPrivilegeEscalation != false/);
    for (const name of ['m1', 'm2', 'm3']) {
      const created = await cluster.admin.request('POST', `/api/v1/namespaces/${MUTATE_NS}/pods`, pod(name));
      assert.equal(created.status, 201, `the mutated pod is admitted by the built-in restricted level: ${JSON.stringify(created.body)}`);
      const stored = await cluster.admin.must('GET', `/api/v1/namespaces/${MUTATE_NS}/pods/${name}`);
      for (const c of [...stored.spec.containers, ...stored.spec.initContainers])
        assert.equal(c.securityContext.allowPrivilegeEscalation, false, `${c.name}: allowPrivilegeEscalation set`);
      const seccomp = stored.spec.securityContext.seccompProfile?.type ?? stored.spec.containers[0].securityContext.seccompProfile?.type;
      assert.equal(seccomp, 'RuntimeDefault');
    }
  });
});
