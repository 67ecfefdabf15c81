// podguard audit against a real API server: real pagination with continue tokens (seen in the
// API server's own audit log), a user whom RBAC forbids one namespace, workloads scaled to zero,
// CronJobs, and --apply-reports writing PolicyReports through real CRDs.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startCluster, type Cluster } from '../kubernetes-support/kube-cluster';
import { POLICY_REPORT_CRDS } from '../kubernetes-support/policy-report-crds';
import { run } from '../kubernetes-support/processes';
import { tempDir } from '../support/temp-dir';
import { PODGUARD, missingTools } from '../kubernetes-support/tools';

const skip = missingTools('kube-apiserver', 'etcd');
// A skipped describe() is not counted in the summary line; this test is, so a run without the
// tools says how much it skipped.
if (skip) test('podguard audit against a real API server', { skip }, () => undefined);
const PSA = 'pod-security.kubernetes.io';
const PODS = 23;

const privilegedSpec = { containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] };
const restrictedSpec = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'c', image: 'i', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
};

async function audit(kubeconfig: string, args: string[]): Promise<{ code: number | null; report: any; stderr: string }> {
  const home = tempDir('podguard-audit-home-');
  const r = await run(process.execPath, [PODGUARD, 'audit', '--kubeconfig', kubeconfig, '--preset', 'pss', '-o', 'json', ...args], {
    env: { ...process.env, HOME: home, KUBECONFIG: '' },
  });
  let report: any;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`podguard audit printed no JSON (exit ${r.code}): ${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

describe('podguard audit against a real API server', { skip }, () => {
  let cluster: Cluster;

  before(async () => {
    cluster = await startCluster({ podSecurity: { exemptNamespaces: [] }, auditLists: true });
    const admin = cluster.admin;
    const ns = (name: string, labels: Record<string, string>) => admin.must('POST', '/api/v1/namespaces', { metadata: { name, labels } });
    await ns('shop', { [`${PSA}/enforce`]: 'privileged', [`${PSA}/warn`]: 'baseline' });
    await ns('payments', { [`${PSA}/enforce`]: 'baseline' });
    await ns('secret-team', {});
    for (let i = 0; i < PODS; i++)
      await admin.must('POST', '/api/v1/namespaces/shop/pods', { metadata: { name: `web-${i}` }, spec: i % 2 ? privilegedSpec : restrictedSpec });
    await admin.must('POST', '/apis/apps/v1/namespaces/shop/deployments', {
      metadata: { name: 'idle' },
      spec: { replicas: 0, selector: { matchLabels: { app: 'idle' } }, template: { metadata: { labels: { app: 'idle' } }, spec: privilegedSpec } },
    });
    await admin.must('POST', '/apis/batch/v1/namespaces/payments/cronjobs', {
      metadata: { name: 'nightly' },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { ...restrictedSpec, restartPolicy: 'Never', hostNetwork: true } } } } },
    });
    await admin.must('POST', '/api/v1/namespaces/payments/pods', { metadata: { name: 'api' }, spec: restrictedSpec });
    await admin.must('POST', '/api/v1/namespaces/secret-team/pods', { metadata: { name: 'hidden' }, spec: privilegedSpec });
    // The limited user may read namespaces cluster-wide and workloads in shop and payments only.
    await admin.must('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      metadata: { name: 'auditor-namespaces' },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }],
    });
    await admin.must('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      metadata: { name: 'auditor-namespaces' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'auditor-namespaces' },
      subjects: [{ kind: 'User', name: cluster.limitedUser, apiGroup: 'rbac.authorization.k8s.io' }],
    });
    await admin.must('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      metadata: { name: 'auditor-workloads' },
      rules: [
        { apiGroups: [''], resources: ['pods', 'replicationcontrollers', 'podtemplates'], verbs: ['get', 'list'] },
        { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], verbs: ['get', 'list'] },
        { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ['get', 'list'] },
      ],
    });
    for (const namespace of ['shop', 'payments']) {
      await admin.must('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`, {
        metadata: { name: 'auditor' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'auditor-workloads' },
        subjects: [{ kind: 'User', name: cluster.limitedUser, apiGroup: 'rbac.authorization.k8s.io' }],
      });
    }
    for (const c of POLICY_REPORT_CRDS) await admin.must('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', c);
  });

  after(async () => {
    cluster?.admin.close();
    await cluster?.stop();
  });

  test('pages through every pod with continue tokens, folds nothing away, sees workloads scaled to zero and CronJobs', { timeout: 120_000 }, async () => {
    const { report } = await audit(cluster.adminKubeconfig, ['--chunk-size', '5']);
    const shop = report.namespaces.find((n: any) => n.name === 'shop');
    const payments = report.namespaces.find((n: any) => n.name === 'payments');
    assert.ok(shop && payments, 'both namespaces are in the report');
    assert.equal(shop.counts.pods, PODS, 'every pod of shop, across pages');
    const names = shop.workloads.map((w: any) => `${w.object.kind}/${w.object.name}`);
    assert.ok(names.includes('Deployment/idle'), 'the Deployment scaled to zero is audited');
    const idle = shop.workloads.find((w: any) => w.object.name === 'idle');
    assert.equal(idle.levels.baseline.allowed, false, 'its privileged template fails baseline');
    const cron = payments.workloads.find((w: any) => w.object.kind === 'CronJob');
    assert.ok(cron, 'the CronJob is audited');
    assert.equal(cron.levels.baseline.allowed, false, 'its hostNetwork template fails baseline');
    assert.deepEqual(
      cron.levels.baseline.violations.map((v: any) => v.check),
      ['hostNamespaces'],
    );
    assert.equal(shop.counts.failing.baseline, Math.floor(PODS / 2) + 1, 'the privileged pods and the idle Deployment fail baseline');
    // The API server's audit log shows the pages podguard asked for.
    const lists = fs
      .readFileSync(cluster.auditLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((e) => e.user?.username === 'admin' && /\/pods\?/.test(e.requestURI));
    assert.ok(
      lists.some((e) => /[?&]limit=5(&|$)/.test(e.requestURI)),
      'pods were listed 5 at a time',
    );
    assert.ok(
      lists.filter((e) => /[?&]continue=/.test(e.requestURI)).length >= Math.floor(PODS / 5),
      `continue tokens were followed: ${lists.map((e) => e.requestURI).join(' ')}`,
    );
  });

  test('a user forbidden from one namespace: that namespace is reported as not readable, the others are audited', { timeout: 120_000 }, async () => {
    const { code, report } = await audit(cluster.limitedKubeconfig, ['--chunk-size', '5']);
    const shop = report.namespaces.find((n: any) => n.name === 'shop');
    assert.equal(shop?.counts.pods, PODS, 'the readable namespace is audited in full');
    const hidden = report.namespaces.find((n: any) => n.name === 'secret-team');
    const text = JSON.stringify(report);
    assert.ok(!text.includes('"hidden"'), 'nothing of the forbidden namespace is shown');
    assert.ok(hidden === undefined || hidden.complete === false, 'the forbidden namespace is not claimed complete');
    assert.match(text, /forbidden|Forbidden/, 'the report says what could not be read');
    assert.equal(code, 2, 'something could not be read: exit 2');
  });

  test('--apply-reports writes PolicyReports through the real CRDs', { timeout: 120_000 }, async () => {
    const { code, stderr } = await audit(cluster.adminKubeconfig, ['--apply-reports']);
    assert.ok(code === 0 || code === 1, `audit ran (exit ${code}): ${stderr}`);
    const shop = await cluster.admin.must('GET', '/apis/wgpolicyk8s.io/v1alpha2/namespaces/shop/policyreports');
    assert.ok(shop.items.length >= 1, 'a PolicyReport in shop');
    const results = shop.items.flatMap((r: any) => r.results ?? []);
    // shop enforces privileged: its privileged pods only block baseline, a warning.
    assert.ok(
      results.some((r: any) => r.result === 'warn' && r.rule === 'privileged'),
      'it reports the privileged pods as warnings',
    );
    const payments = await cluster.admin.must('GET', '/apis/wgpolicyk8s.io/v1alpha2/namespaces/payments/policyreports');
    const paymentResults = payments.items.flatMap((r: any) => r.results ?? []);
    // payments enforces baseline: the CronJob's hostNetwork is a failure.
    assert.ok(
      paymentResults.some((r: any) => r.result === 'fail' && r.rule === 'hostNamespaces' && r.properties?.object === 'CronJob/nightly'),
      'it fails the CronJob',
    );
    const cluster_ = await cluster.admin.must('GET', '/apis/wgpolicyk8s.io/v1alpha2/clusterpolicyreports');
    assert.ok(
      cluster_.items.some((r: any) => r.metadata.name === 'podguard-namespaces'),
      'the ClusterPolicyReport of namespace levels',
    );
    // Applying again changes nothing and fails nothing (server-side apply is idempotent).
    const again = await audit(cluster.adminKubeconfig, ['--apply-reports']);
    assert.ok(again.code === 0 || again.code === 1, again.stderr);
    const shopAgain = await cluster.admin.must('GET', '/apis/wgpolicyk8s.io/v1alpha2/namespaces/shop/policyreports');
    assert.equal(shopAgain.items.length, shop.items.length);
  });
});
