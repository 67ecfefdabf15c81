// The webhook's profile affinity through the real API server: podguard serve runs as the mutating
// webhook with a bundle's index (--profiles-index), pods naming bundled Localhost profiles are
// created through kube-apiserver, and the node affinity is read back from what it stored.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BundleIndex } from '../../src/profiles/bundle-index';
import { startCluster, type Cluster } from '../kubernetes-support/kube-cluster';
import { startPodguardServe, webhookConfigurations, type PodguardServer } from '../kubernetes-support/podguard-serve';
import { run } from '../kubernetes-support/processes';
import { missingTools, PODGUARD, REPO } from '../kubernetes-support/tools';
import { needsHostTool } from '../profiles/host-packages';
import { tempDir } from '../support/temp-dir';

const skip = missingTools('kube-apiserver', 'etcd') || needsHostTool('apparmor_parser', 'apparmor') || needsHostTool('secilc', 'secilc');
if (skip) test('profile node affinity through the real API server', { skip }, () => undefined);

const NS = 'apps';
const container = (extra: object = {}) => ({ name: 'c', image: 'i', ...extra });

describe('profile node affinity through the real API server', { skip }, () => {
  let cluster: Cluster;
  let server: PodguardServer;
  let label: (name: string) => string;

  const create = async (name: string, spec: object, annotations?: Record<string, string>) => {
    const r = await cluster.admin.request('POST', `/api/v1/namespaces/${NS}/pods`, { metadata: { name, ...(annotations ? { annotations } : {}) }, spec });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const stored = await cluster.admin.must('GET', `/api/v1/namespaces/${NS}/pods/${name}`);
    return { stored, warnings: r.warnings };
  };
  const required = (pod: any) => pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;

  before(async () => {
    const work = tempDir('podguard-profiles-webhook-');
    const out = path.join(work, 'bundle');
    const b = await run(process.execPath, [PODGUARD, 'profiles', 'bundle', path.join(REPO, 'test/profiles/fixtures/valid'), '-o', out]);
    assert.equal(b.code, 0, b.stderr);
    const indexFile = path.join(out, 'files', 'index.json');
    const index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as BundleIndex;
    label = (name) => index.profiles.find((p) => p.name === name)!.labelKey;
    cluster = await startCluster({ podSecurity: { exemptNamespaces: [] } });
    // No --mutate: the affinity does not depend on the safe-fix opt-in.
    server = await startPodguardServe(cluster.adminKubeconfig, ['--profiles-index', indexFile]);
    const hooks = webhookConfigurations('podguard', server, { never: 'matched' }, { 'profiles-test': 'on' });
    await cluster.admin.must('POST', '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', hooks.mutating);
    await cluster.admin.must('POST', '/api/v1/namespaces', { metadata: { name: NS, labels: { 'profiles-test': 'on' } } });
    const deadline = Date.now() + 30_000;
    const probe = {
      metadata: { name: 'probe' },
      spec: { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'podguard/web.json' } }, containers: [container()] },
    };
    for (;;) {
      const r = await cluster.admin.request('POST', `/api/v1/namespaces/${NS}/pods?dryRun=All`, probe);
      if (r.status === 201 && required(r.body)) break;
      if (Date.now() > deadline) throw new Error(`podguard's webhook was not called: ${r.status} ${JSON.stringify(r.body)}`);
      await new Promise((res) => setTimeout(res, 250));
    }
  });

  after(async () => {
    await server?.stop();
    await cluster?.stop();
  });

  test('seccomp, AppArmor and SELinux references become one required term on their labels', async () => {
    const { stored, warnings } = await create('web', {
      securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'podguard/web.json' }, seLinuxOptions: { type: 'podguard_web.process' } },
      containers: [container({ securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'podguard-nginx' } } })],
    });
    assert.deepEqual(required(stored), [
      {
        matchExpressions: [
          { key: label('podguard/web.json'), operator: 'Exists' },
          { key: label('podguard_web.process'), operator: 'Exists' },
          { key: label('podguard-nginx'), operator: 'Exists' },
        ],
      },
    ]);
    assert.ok(
      warnings.some((w) => w.startsWith('podguard requires node labels profiles.podguard.dev/seccomp-web.json')),
      warnings.join('\n'),
    );
  });

  test("an existing required affinity keeps its terms; each term also requires the profile's label", async () => {
    const { stored } = await create('zoned', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
              { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
            ],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } }],
        },
      },
      containers: [container({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'podguard/audit.json' } } })],
    });
    const key = label('podguard/audit.json');
    assert.deepEqual(required(stored), [
      {
        matchExpressions: [
          { key: 'zone', operator: 'In', values: ['a'] },
          { key, operator: 'Exists' },
        ],
      },
      {
        matchExpressions: [
          { key: 'zone', operator: 'In', values: ['b'] },
          { key, operator: 'Exists' },
        ],
      },
    ]);
    assert.equal(stored.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution.length, 1);
  });

  test('the deprecated AppArmor annotation counts as a reference', async () => {
    const { stored } = await create(
      'annotated',
      { containers: [container()] },
      { 'container.apparmor.security.beta.kubernetes.io/c': 'localhost/podguard-nginx' },
    );
    assert.deepEqual(required(stored), [{ matchExpressions: [{ key: label('podguard-nginx'), operator: 'Exists' }] }]);
  });

  test('pods naming no bundled profile are left alone', async () => {
    const { stored } = await create('plain', {
      securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'someone-else/profile.json' } },
      containers: [container({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })],
    });
    assert.equal(stored.spec.affinity, undefined);
  });
});
