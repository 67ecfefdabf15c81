// The migration's promise, on the example cluster dump (test/fixtures/psp/cluster-dump.yaml): write
// the changes `psp migrate` plans into every workload, and PodSecurityPolicy then admits each one
// exactly as it admitted the unchanged workload (the same pod, with nothing left for it to add), so
// removing PSP changes no running pod; and the patched workloads pass the namespace labels and the
// podguard.yaml the plan produced.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { missingTools, toolPath } from '../kubernetes-support/tools';
import { spawnSync } from 'node:child_process';
import type { KubeObject } from '../../src/k8s/types';
import { PspAdmission } from '../../src/psp/admit';
import { applyChanges, controllerUser, CONTROLLER_OF, podOf, type MigrationPlan } from '../../src/psp/migrate';
import { PspWorldReader } from '../../src/psp/world';
import { readSources } from '../../src/sources/read-sources';
import { podguard, REPO } from '../support/cli';
import { tempDir } from '../support/temp-dir';

const DUMP = path.join(REPO, 'test', 'fixtures', 'psp', 'cluster-dump.yaml');
const ALICE = { name: 'alice', groups: ['system:authenticated'] };

async function world() {
  const reader = new PspWorldReader();
  for await (const unit of readSources([{ path: DUMP, label: DUMP }])) for (const o of unit.objects) reader.add(o);
  return reader.finish();
}

function withoutPspAnnotation(pod: Record<string, unknown> | undefined): unknown {
  const copy = structuredClone(pod) as { metadata?: { annotations?: Record<string, string> } };
  delete copy.metadata?.annotations?.['kubernetes.io/psp'];
  if (copy.metadata?.annotations && Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
  return copy;
}

describe('psp migrate on the example cluster dump', () => {
  const dir = tempDir('podguard-psp-migrate-');
  const run = podguard(['psp', 'migrate', DUMP, '--as', 'alice', '-o', 'json', '--out', dir]);
  const plan = JSON.parse(run.stdout) as MigrationPlan;

  test('plans every namespace, with labels, policies and changes', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      plan.namespaces.map((n) => [n.name, n.labels['pod-security.kubernetes.io/enforce']]),
      [
        ['infra', 'privileged'],
        ['legacy', 'baseline'],
        ['monitoring', 'privileged'],
        ['shop', 'baseline'],
      ],
    );
    const shop = plan.namespaces.find((n) => n.name === 'shop')!;
    assert.deepEqual(
      shop.policies.map((p) => [p.policy, p.nearest]),
      [['restricted', 'restricted']],
    );
    const web = shop.workloads.find((w) => w.name === 'web')!;
    assert.equal(web.admittedBy, 'restricted');
    assert.deepEqual(
      web.changes.map((c) => c.path),
      [
        'spec.template.metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]',
        'spec.template.spec.containers[0].securityContext.capabilities.drop',
        'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
        'spec.template.spec.securityContext.supplementalGroups',
        'spec.template.spec.securityContext.fsGroup',
      ],
    );
    const monitoring = plan.namespaces.find((n) => n.name === 'monitoring')!;
    assert.ok(monitoring.include.includes('run-as-root-user') && !monitoring.include.includes('writable-root-filesystem'), monitoring.include.join());
    assert.ok(monitoring.notCovered.some((n) => n.includes('allowedHostPaths /var/log (read-only)')));
    // The policy the log shipper's account alone may use, granted through a Role.
    assert.deepEqual(monitoring.policies.find((p) => p.policy === 'logs-readonly')?.usableBy, ['serviceaccount log-agent']);
    for (const f of ['podguard.yaml', 'namespaces.yaml', path.join('patches', 'kustomization.yaml')]) assert.ok(fs.existsSync(path.join(dir, f)), f);
  });

  test('the patched workloads are admitted by PSP as the originals were, with nothing left to inject', async () => {
    const w = await world();
    const admission = new PspAdmission(w.policies, w.authorizer);
    const patchedObjects: KubeObject[] = [];
    const unpatched: KubeObject[] = [];
    let compared = 0;
    for (const ns of plan.namespaces)
      for (const wp of ns.workloads) {
        const workload = w.workloads.find((x) => x.namespace === ns.name && String(x.object.kind) === wp.kind && x.object.metadata?.name === wp.name)!;
        const controller = CONTROLLER_OF[wp.kind];
        const user = controller ? controllerUser(controller) : ALICE;
        const before = admission.admit({ operation: 'CREATE', namespace: ns.name, user, pod: podOf(workload) });
        assert.equal(before.allowed, wp.denied === undefined, `${wp.kind} ${wp.name}`);
        if (!before.allowed) continue;
        unpatched.push(workload.object);
        const patched = applyChanges(workload.object, wp.changes);
        patchedObjects.push(patched);
        const pod = podOf({ ...workload, object: patched });
        const after = admission.admit({ operation: 'CREATE', namespace: ns.name, user, pod });
        assert.ok(after.allowed, `${wp.kind} ${wp.name}: ${after.message ?? ''}`);
        assert.deepEqual(withoutPspAnnotation(after.pod), withoutPspAnnotation(before.pod), `${wp.kind} ${wp.name}: the same pod as PSP made before`);
        assert.deepEqual(withoutPspAnnotation(after.pod), withoutPspAnnotation(pod), `${wp.kind} ${wp.name}: PSP has nothing left to add`);
        compared++;
      }
    assert.equal(compared, 6);
    // The patched workloads pass the labels (as podguard.yaml's per-namespace levels) and the policies kept.
    const file = path.join(dir, 'patched.yaml');
    fs.writeFileSync(file, patchedObjects.map((o) => stringify(o)).join('---\n'));
    const scan = podguard(['scan', file, '--config', path.join(dir, 'podguard.yaml'), '-o', 'json']);
    assert.equal(scan.code, 0, scan.stdout);
    const doc = JSON.parse(scan.stdout) as { summary: { evaluated: number; denied: number } };
    assert.equal(doc.summary.evaluated, 6);
    // Without the changes, the labels and the kept policies catch what PSP used to inject.
    const before = path.join(dir, 'unpatched.yaml');
    fs.writeFileSync(before, unpatched.map((o) => stringify(o)).join('---\n'));
    const original = podguard(['scan', before, '--config', path.join(dir, 'podguard.yaml'), '-o', 'json']);
    assert.equal(original.code, 1, 'the unpatched workloads fail');
    const results = (JSON.parse(original.stdout) as { results: { object: { name: string }; violations: unknown[] }[] }).results;
    assert.deepEqual(
      results
        .filter((r) => r.violations.length > 0)
        .map((r) => r.object.name)
        .sort(),
      ['log-agent', 'report', 'web'],
    );

    // `podguard psp admit` over the policies, RBAC and the patched workloads: admitted, unchanged.
    const dump = parse(fs.readFileSync(DUMP, 'utf8')) as { items: KubeObject[] };
    const rest = path.join(dir, 'policies-and-rbac.yaml');
    fs.writeFileSync(rest, stringify({ apiVersion: 'v1', kind: 'List', items: dump.items.filter((o) => !w.workloads.some((x) => x.object.kind === o.kind)) }));
    const admit = podguard(['psp', 'admit', rest, file]);
    assert.equal(admit.code, 0, admit.stdout + admit.stderr);
    assert.equal(admit.stdout.match(/, unchanged\n/g)?.length, 6, admit.stdout);
  });

  const noKustomize = missingTools('kustomize');
  test('the kustomize Component it writes makes the same patched workloads', { skip: noKustomize }, async () => {
    const w = await world();
    const base = path.join(dir, 'base');
    fs.mkdirSync(base);
    const admitted = plan.namespaces.flatMap((ns) => ns.workloads.filter((x) => x.admittedBy !== undefined).map((x) => ({ ns: ns.name, x })));
    const objects = admitted.map(
      ({ ns, x }) => w.workloads.find((y) => y.namespace === ns && String(y.object.kind) === x.kind && y.object.metadata?.name === x.name)!.object,
    );
    fs.writeFileSync(path.join(base, 'workloads.yaml'), objects.map((o) => stringify(o)).join('---\n'));
    fs.cpSync(path.join(dir, 'patches'), path.join(base, 'patches'), { recursive: true });
    fs.writeFileSync(path.join(base, 'kustomization.yaml'), stringify({ resources: ['workloads.yaml'], components: ['patches'] }));
    const built = spawnSync(toolPath('kustomize'), ['build', base], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    const out = built.stdout.split(/^---$/m).map((d) => parse(d) as KubeObject);
    const key = (o: KubeObject): string => `${String(o.kind)}/${String(o.metadata?.namespace)}/${String(o.metadata?.name)}`;
    const want = new Map(admitted.map(({ x }, i) => [key(objects[i]!), applyChanges(objects[i]!, x.changes)]));
    assert.equal(out.length, want.size);
    for (const o of out) assert.deepEqual(o, want.get(key(o)), key(o));
  });
});
