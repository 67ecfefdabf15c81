// The profiles agent against a real API server and a temporary kubelet root: the bundle's own
// RBAC and ValidatingAdmissionPolicy are applied, two Node objects are created, and the agent
// runs with a service account token bound to a pod on node-a (so the token carries
// authentication.kubernetes.io/node-name, as on a real node). It writes seccomp files for real;
// AppArmor and SELinux go through the real loaders with the kernel replaced by stand-ins that
// compile with the real apparmor_parser and secilc (test/profiles/host-stand-ins.ts).
// Proven: labels appear only for verified profiles, go when a profile leaves the bundle or stops
// compiling, and the API server itself refuses the agent anything but its own node's
// profiles.podguard.dev/* labels.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { clientTransport, connect } from '../../src/kube/client';
import { KubeApi } from '../../src/kube/kube-api';
import { kubeNodeLabels } from '../../src/profiles/agent/kube-node-labels';
import { apparmorLoader, seccompLoader, selinuxLoader, type ProfileLoader } from '../../src/profiles/agent/loaders';
import { reconcileOnce } from '../../src/profiles/agent/run-agent';
import type { BundleIndex } from '../../src/profiles/bundle-index';
import { hostTool } from '../../src/profiles/host-tools';
import { startCluster, type Cluster } from '../kubernetes-support/kube-cluster';
import { KubeClient } from '../kubernetes-support/kube-client';
import { run } from '../kubernetes-support/processes';
import { missingTools, PODGUARD, REPO } from '../kubernetes-support/tools';
import { needsHostTool } from '../profiles/host-packages';
import { fakeAppArmorKernel, fakeSemodule } from '../profiles/host-stand-ins';
import { tempDir } from '../support/temp-dir';

const skip = missingTools('kube-apiserver', 'etcd') || needsHostTool('apparmor_parser', 'apparmor') || needsHostTool('secilc', 'secilc');
if (skip) test('the profiles agent against a real API server', { skip }, () => undefined);

const NS = 'podguard-profiles';
const SA = 'podguard-profiles-agent';
const PREFIX = 'profiles.podguard.dev/';

function kubeconfigFor(cluster: Cluster, token: string, dir: string): string {
  const file = path.join(dir, `agent-${crypto.randomBytes(3).toString('hex')}.kubeconfig`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 't', cluster: { server: cluster.server, 'certificate-authority': cluster.caFile } }],
      users: [{ name: 'agent', user: { token } }],
      contexts: [{ name: 't', context: { cluster: 't', user: 'agent' } }],
      'current-context': 't',
    }),
  );
  return file;
}

const podguardLabels = (labels: Record<string, string> | undefined) => Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => k.startsWith(PREFIX)));

describe('the profiles agent against a real API server', { skip }, () => {
  let cluster: Cluster;
  let work: string;
  let bundleDir: string;
  let index: BundleIndex;
  let agentToken: string;
  let agentClient: KubeClient;
  let agentKubeconfig: string;
  const mounted = () => path.join(work, 'mounted');
  const kubeletRoot = () => path.join(work, 'kubelet');

  const nodeLabels = async (node: string) => podguardLabels((await cluster.admin.must('GET', `/api/v1/nodes/${node}`)).metadata.labels);

  /** The bundle's files laid out as the DaemonSet's ConfigMap mounts lay them out. */
  const mount = (idx: BundleIndex) => {
    fs.rmSync(mounted(), { recursive: true, force: true });
    fs.mkdirSync(path.join(mounted(), 'index'), { recursive: true });
    fs.writeFileSync(path.join(mounted(), 'index', 'index.json'), JSON.stringify(idx));
    for (const kind of ['seccomp', 'apparmor', 'selinux']) {
      const from = path.join(bundleDir, 'files', kind);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(mounted(), kind), { recursive: true });
    }
  };

  let loaders: ProfileLoader[];
  const reconcileAsAgent = async () => {
    const api = new KubeApi(clientTransport(connect({ kubeconfig: agentKubeconfig })), { concurrency: 1, retries: 0, timeoutMs: 20_000 });
    const lines: string[] = [];
    const r = await reconcileOnce({
      profilesDir: mounted(),
      stateDir: path.join(work, 'state'),
      loaders,
      labels: kubeNodeLabels(api, 'node-a'),
      log: (l) => lines.push(l),
    });
    return { ...r, lines };
  };

  before(async () => {
    work = tempDir('podguard-profiles-agent-');
    bundleDir = path.join(work, 'bundle');
    const bundled = await run(process.execPath, [PODGUARD, 'profiles', 'bundle', path.join(REPO, 'test/profiles/fixtures/valid'), '-o', bundleDir]);
    assert.equal(bundled.code, 0, bundled.stderr);
    index = JSON.parse(fs.readFileSync(path.join(bundleDir, 'files', 'index.json'), 'utf8')) as BundleIndex;
    cluster = await startCluster({ podSecurity: { exemptNamespaces: [] } });
    const admin = cluster.admin;
    // The bundle's own objects, as kustomize would apply them (namespace set on namespaced ones).
    for (const file of ['namespace.yaml', 'rbac.yaml', 'admission-policy.yaml']) {
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(bundleDir, file), 'utf8'))) {
        const o = doc.toJSON() as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };
        const base = o.apiVersion === 'v1' ? '/api/v1' : `/apis/${o.apiVersion}`;
        const plural = {
          Namespace: 'namespaces',
          ServiceAccount: 'serviceaccounts',
          ClusterRole: 'clusterroles',
          ClusterRoleBinding: 'clusterrolebindings',
          ValidatingAdmissionPolicy: 'validatingadmissionpolicies',
          ValidatingAdmissionPolicyBinding: 'validatingadmissionpolicybindings',
        }[o.kind]!;
        await admin.must('POST', `${base}${o.kind === 'ServiceAccount' ? `/namespaces/${NS}` : ''}/${plural}`, o);
      }
    }
    for (const name of ['node-a', 'node-b'])
      await admin.must('POST', '/api/v1/nodes', { metadata: { name, labels: { 'kubernetes.io/os': 'linux', team: 'infra' } } });
    const pod = await admin.must('POST', `/api/v1/namespaces/${NS}/pods`, {
      metadata: { name: 'agent-node-a' },
      spec: { nodeName: 'node-a', serviceAccountName: SA, containers: [{ name: 'agent', image: 'podguard' }] },
    });
    const tr = await admin.must('POST', `/api/v1/namespaces/${NS}/serviceaccounts/${SA}/token`, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { expirationSeconds: 3600, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid } },
    });
    agentToken = tr.status.token;
    agentClient = new KubeClient(cluster.server, cluster.caPem, agentToken);
    agentKubeconfig = kubeconfigFor(cluster, agentToken, work);
    // The token really names node-a (the API server adds it for a token bound to a scheduled pod).
    const review = await agentClient.must('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
    });
    assert.deepEqual(review.status.userInfo.extra['authentication.kubernetes.io/node-name'], ['node-a']);
    // The admission policy takes effect once the API server has loaded it: wait until it denies.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const r = await agentClient.request(
        'PATCH',
        '/api/v1/nodes/node-b',
        { metadata: { labels: { [`${PREFIX}probe`]: 'x' } } },
        'application/merge-patch+json',
      );
      if (r.status === 403 && /ValidatingAdmissionPolicy/.test(JSON.stringify(r.body))) break;
      if (r.status === 200)
        await cluster.admin.must('PATCH', '/api/v1/nodes/node-b', { metadata: { labels: { [`${PREFIX}probe`]: null } } }, 'application/merge-patch+json');
      if (Date.now() > deadline) throw new Error(`the admission policy never took effect: ${r.status} ${JSON.stringify(r.body)}`);
      await new Promise((res) => setTimeout(res, 500));
    }
    const aa = fakeAppArmorKernel(path.join(work, 'securityfs'));
    const se = fakeSemodule(path.join(work, 'selinux'), hostTool('secilc')!);
    fs.mkdirSync(kubeletRoot(), { recursive: true });
    loaders = [
      seccompLoader(kubeletRoot()),
      apparmorLoader({ parser: hostTool('apparmor_parser')!, profilesFile: aa.profilesFile, run: aa.run }),
      selinuxLoader({ semodule: 'semodule', run: se.run, selinuxfs: se.selinuxfs }),
    ];
  });

  after(async () => {
    agentClient?.close();
    await cluster?.stop();
  });

  test('the agent CLI on a node without AppArmor or SELinux labels only the seccomp profiles, once written', async () => {
    const root = path.join(work, 'cli-kubelet');
    fs.mkdirSync(root);
    mount(index);
    const r = await run(process.execPath, [
      PODGUARD,
      'profiles',
      'agent',
      `--profiles=${mounted()}`,
      `--kubelet-root=${root}`,
      `--state-dir=${path.join(work, 'cli-state')}`,
      '--node-name=node-a',
      '--interval=0',
      `--kubeconfig=${agentKubeconfig}`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const seccomp = index.profiles.filter((p) => p.kind === 'seccomp');
    assert.deepEqual(await nodeLabels('node-a'), Object.fromEntries(seccomp.map((p) => [p.labelKey, p.labelValue])));
    for (const p of seccomp)
      assert.equal(fs.readFileSync(path.join(root, 'seccomp', ...p.name.split('/')), 'utf8'), fs.readFileSync(path.join(mounted(), 'seccomp', p.key), 'utf8'));
    assert.match(r.stderr, /2 profile\(s\) verified, 0 failed/);
  });

  test('every verified profile gets its label on its own node, and only there', async () => {
    mount(index);
    const r = await reconcileAsAgent();
    assert.deepEqual(r.failed, [], r.lines.join('\n'));
    assert.deepEqual(await nodeLabels('node-a'), Object.fromEntries(index.profiles.map((p) => [p.labelKey, p.labelValue])));
    assert.deepEqual(await nodeLabels('node-b'), {});
    assert.deepEqual(Object.keys(await nodeLabels('node-a')).sort(), [
      'profiles.podguard.dev/apparmor-podguard-nginx',
      'profiles.podguard.dev/seccomp-audit.json',
      'profiles.podguard.dev/seccomp-web.json',
      'profiles.podguard.dev/selinux-podguard_web.process',
    ]);
    // Nothing changed: a second pass patches nothing.
    assert.deepEqual((await reconcileAsAgent()).labelChanges, {});
  });

  test('the API server refuses the agent other nodes, other labels, annotations, and tokens without a node', async () => {
    const patch = (client: KubeClient, node: string, metadata: object) =>
      client.request('PATCH', `/api/v1/nodes/${node}`, { metadata }, 'application/merge-patch+json');
    const otherNode = await patch(agentClient, 'node-b', { labels: { [`${PREFIX}seccomp-web.json`]: 'forged' } });
    assert.equal(otherNode.status, 403);
    assert.match(otherNode.body.message, /may change only the node its own pod runs on/);
    const otherLabel = await patch(agentClient, 'node-a', { labels: { team: 'attacker' } });
    assert.equal(otherLabel.status, 403);
    assert.match(otherLabel.body.message, /may change only profiles\.podguard\.dev\/\* labels/);
    const removeLabel = await patch(agentClient, 'node-a', { labels: { team: null } });
    assert.equal(removeLabel.status, 403);
    const annotation = await patch(agentClient, 'node-a', { annotations: { note: 'x' } });
    assert.equal(annotation.status, 403);
    const taint = await agentClient.request('PATCH', '/api/v1/nodes/node-a', { spec: { unschedulable: true } }, 'application/merge-patch+json');
    assert.equal(taint.status, 403);
    const del = await agentClient.request('DELETE', '/api/v1/nodes/node-b');
    assert.equal(del.status, 403, 'RBAC grants no delete');
    const list = await agentClient.request('GET', '/api/v1/nodes');
    assert.equal(list.status, 403, 'RBAC grants no list');
    // A token of the same service account bound to no pod names no node: refused everywhere.
    const unbound = await cluster.admin.must('POST', `/api/v1/namespaces/${NS}/serviceaccounts/${SA}/token`, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { expirationSeconds: 600 },
    });
    const loose = new KubeClient(cluster.server, cluster.caPem, unbound.status.token);
    try {
      const r = await patch(loose, 'node-a', { labels: { [`${PREFIX}seccomp-web.json`]: 'forged' } });
      assert.equal(r.status, 403);
    } finally {
      loose.close();
    }
    // What it may do: its own node's podguard labels.
    const own = await patch(agentClient, 'node-a', { labels: { [`${PREFIX}stray`]: 'x' } });
    assert.equal(own.status, 200, JSON.stringify(own.body));
    // ... and the next pass removes a podguard label no verified profile stands behind.
    const r = await reconcileAsAgent();
    assert.deepEqual(r.labelChanges, { [`${PREFIX}stray`]: null });
  });

  test('a profile removed from the bundle loses its label, then its file', async () => {
    const web = index.profiles.find((p) => p.name === 'podguard/web.json')!;
    mount({ ...index, profiles: index.profiles.filter((p) => p !== web) });
    const r = await reconcileAsAgent();
    assert.deepEqual(r.labelChanges, { [web.labelKey]: null });
    assert.deepEqual(r.removed, ['podguard/web.json']);
    assert.equal(fs.existsSync(path.join(kubeletRoot(), 'seccomp', 'podguard', 'web.json')), false);
    assert.equal(fs.existsSync(path.join(kubeletRoot(), 'seccomp', 'podguard', 'audit.json')), true);
    assert.equal((await nodeLabels('node-a'))[web.labelKey], undefined);
  });

  test('a profile that no longer compiles is not labelled; nor is a seccomp file that does not read back', async () => {
    const nginx = index.profiles.find((p) => p.kind === 'apparmor')!;
    const selinux = index.profiles.find((p) => p.kind === 'selinux')!;
    const broken = {
      ...nginx,
      name: 'podguard-broken',
      key: 'broken',
      digest: 'b'.repeat(64),
      labelKey: `${PREFIX}apparmor-podguard-broken`,
      labelValue: 'bbbbbbbbbbbb',
    };
    const audit = index.profiles.find((p) => p.name === 'podguard/audit.json')!;
    // The index promises a digest the file does not have: the read-back check must refuse it.
    const tampered = { ...audit, digest: 'a'.repeat(64), labelValue: 'aaaaaaaaaaaa' };
    mount({ ...index, profiles: [nginx, selinux, broken, tampered] });
    fs.writeFileSync(path.join(mounted(), 'apparmor', 'broken'), 'profile podguard-broken {\n  /etc/passwd rwxq,\n}\n');
    const r = await reconcileAsAgent();
    assert.deepEqual(r.failed.map((f) => `${f.kind} ${f.name}`).sort(), ['apparmor podguard-broken', 'seccomp podguard/audit.json']);
    assert.match(r.failed.find((f) => f.name === 'podguard-broken')!.why, /syntax error/);
    const labels = await nodeLabels('node-a');
    assert.deepEqual(Object.keys(labels).sort(), [nginx.labelKey, selinux.labelKey].sort());
  });
});
