// `podguard vap export --static` on the real API server: the manifests go into the directory of
// the ValidatingAdmissionPolicy plugin's staticManifestsDir (manifest-based admission control,
// feature gate ManifestBasedAdmissionControlConfig), kube-apiserver loads them at start-up, and
// they deny what the built-in PodSecurity plugin denies, with its message.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startCluster, type Cluster } from '../kubernetes-support/kube-cluster';
import { missingTools, PODGUARD } from '../kubernetes-support/tools';
import { run } from '../kubernetes-support/processes';
import { tempDir } from '../support/temp-dir';

const skip = missingTools('kube-apiserver', 'etcd');
if (skip) test('static exported policies on the real API server', { skip }, () => undefined);

describe('static exported policies on the real API server', { skip }, () => {
  let cluster: Cluster;
  const dir = tempDir('podguard-static-vap-');

  before(async () => {
    const exported = await run(process.execPath, [PODGUARD, 'vap', 'export', '--level', 'baseline', '--static', '--output-file', path.join(dir, 'pss.yaml')]);
    assert.equal(exported.code, 0, exported.stderr);
    cluster = await startCluster({
      podSecurity: { exemptNamespaces: ['judged-by-policy'] },
      apiserverArgs: ['--feature-gates=ManifestBasedAdmissionControlConfig=true'],
      admissionPlugins: [
        {
          name: 'ValidatingAdmissionPolicy',
          configuration: { apiVersion: 'apiserver.config.k8s.io/v1', kind: 'ValidatingAdmissionPolicyConfiguration', staticManifestsDir: dir },
        },
      ],
    });
    const labels = { 'pod-security.kubernetes.io/enforce': 'baseline' };
    await cluster.admin.must('POST', '/api/v1/namespaces', { metadata: { name: 'judged-by-policy', labels } });
    await cluster.admin.must('POST', '/api/v1/namespaces', { metadata: { name: 'judged-by-psa', labels } });
  });

  after(async () => {
    cluster?.admin.close();
    await cluster?.stop();
  });

  test('the static policy is in force from start-up and words its denial as PodSecurity does', { timeout: 120_000 }, async () => {
    const pod = { metadata: { name: 'p' }, spec: { hostPID: true, containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] } };
    const [viaPolicy, viaPsa, allowed] = await Promise.all([
      cluster.admin.request('POST', '/api/v1/namespaces/judged-by-policy/pods?dryRun=All', pod),
      cluster.admin.request('POST', '/api/v1/namespaces/judged-by-psa/pods?dryRun=All', pod),
      cluster.admin.request('POST', '/api/v1/namespaces/judged-by-policy/pods?dryRun=All', {
        metadata: { name: 'q' },
        spec: { containers: [{ name: 'c', image: 'i' }] },
      }),
    ]);
    console.log(`static policy: ${viaPolicy.status} ${viaPolicy.body?.message}`);
    assert.equal(viaPolicy.status, 403);
    assert.match(
      String(viaPolicy.body?.message),
      /^pods "p" is forbidden: ValidatingAdmissionPolicy 'podguard-pss-baseline-latest\.static\.k8s\.io' with binding '[^']*\.static\.k8s\.io' denied request: /,
    );
    const strip = (m: unknown) => String(m).replace(/^pods "p" is forbidden: (ValidatingAdmissionPolicy '[^']*' with binding '[^']*' denied request: )?/, '');
    assert.equal(strip(viaPolicy.body?.message), strip(viaPsa.body?.message));
    assert.equal(allowed.status, 201);
    // Static objects are not served by the API: nothing of that name can be created or seen there.
    const listed = await cluster.admin.must('GET', '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies');
    assert.ok(!JSON.stringify(listed).includes('static.k8s.io'));
  });
});
