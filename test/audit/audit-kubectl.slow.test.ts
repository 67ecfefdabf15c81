// Offline input: the real `kubectl` lists the simulated cluster (discovery, paging and all) and
// prints `-o json` / `-o yaml`; `podguard audit -` reading that output must give exactly the
// report the audit of the live (simulated) cluster gives.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import type { NamespaceAudit } from '../../src/audit/model';
import { FakeApiServer, StaticCluster } from './fake-apiserver';
import { sampleCluster } from './fixtures';
import { podguardAsync, tempDir, writeFile } from './support';

const KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const SKIP = KUBECTL ? false : 'kubectl is not installed';
const RESOURCES = 'pods,deploy,sts,ds,rs,rc,jobs,cronjobs,ns';

function kubectl(args: string[], home: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // HOME keeps kubectl's discovery cache out of the user's ~/.kube.
    const p = spawn('kubectl', args, { env: { ...process.env, HOME: home, KUBECONFIG: undefined } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('podguard audit - reads kubectl output', { skip: SKIP }, () => {
  const home = tempDir('podguard-kubectl-');
  let srv: FakeApiServer;
  let kubeconfig: string;
  let live: NamespaceAudit[];
  before(async () => {
    srv = await new FakeApiServer(new StaticCluster(sampleCluster()), { gitVersion: 'v1.31.3' }).start();
    kubeconfig = writeFile(home, 'kubeconfig', srv.kubeconfig());
    const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-o', 'json', '--preset', 'strict']);
    assert.equal(r.code, 1, r.stderr);
    live = (JSON.parse(r.stdout) as { namespaces: NamespaceAudit[] }).namespaces;
  });
  after(() => srv.stop());

  for (const output of ['json', 'yaml']) {
    test(`kubectl get ${RESOURCES} -A -o ${output} | podguard audit - gives the live cluster's report`, async () => {
      const k = await kubectl(['--kubeconfig', kubeconfig, 'get', RESOURCES, '-A', '-o', output, '--chunk-size', '3'], home);
      assert.equal(k.code, 0, k.stderr);
      assert.ok(
        srv.received.some((r) => r.path === '/api/v1/pods' && r.query['continue'] !== undefined),
        'kubectl paged through the pods',
      );
      const r = await podguardAsync(['audit', '-', '--cluster-version', 'v1.31', '-o', 'json', '--preset', 'strict'], { input: k.stdout });
      assert.equal(r.code, 1, r.stderr);
      const offline = JSON.parse(r.stdout) as { target: { source: string }; namespaces: NamespaceAudit[] };
      assert.equal(offline.target.source, 'files');
      assert.equal(offline.namespaces.length, 8);
      assert.deepEqual(offline.namespaces, live);
    });
  }

  test('without --cluster-version, "latest" is the newest version podguard knows', async () => {
    const k = await kubectl(['--kubeconfig', kubeconfig, 'get', RESOURCES, '-A', '-o', 'json'], home);
    const r = await podguardAsync(['audit', '-', '-n', 'shop', '-o', 'json'], { input: k.stdout });
    const ns = (JSON.parse(r.stdout) as { namespaces: NamespaceAudit[] }).namespaces;
    assert.deepEqual(
      ns.map((n) => n.name),
      ['shop'],
    );
    assert.match(ns[0]!.evaluatedVersion, /^v1\.(3[7-9]|[4-9]\d)$/);
  });
});
