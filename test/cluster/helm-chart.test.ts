// charts/podguard and deploy/ against the real tools: the chart rendered by the real Helm (and
// linted), deploy/ by the real kustomize, both applied with `kubectl apply --dry-run=server` to a
// real kube-apiserver, both scanned clean by `podguard scan --preset strict` (the one finding a
// webhook must live with, host-user-namespace, excepted on the object with its reason), and the
// chart's webhooks the same as deploy/'s. Needs `npm run tools`; run with `npm run test:cluster`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import yaml from 'js-yaml';
import { loadWebhookConfig } from '../../src/admission/config/load-config';
import { podguard, REPO } from '../support/cli';
import { tempDir } from '../support/temp-dir';
import { startCluster } from '../kubernetes-support/kube-cluster';
import { missingTools, toolPath, type Tool } from '../kubernetes-support/tools';

type Json = Record<string, any>;

// The real-Kubernetes harness (test/kubernetes-support/).
const harness = { startCluster, missingTools, toolPath };
const skip = harness.missingTools('helm', 'kubectl', 'kustomize', 'kube-apiserver', 'etcd');
const tool = (name: Tool) => harness.toolPath(name);

const CHART = path.join(REPO, 'charts', 'podguard');
const NAMESPACE = 'podguard';

function run(command: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, NO_PROXY: '127.0.0.1', HELM_CACHE_HOME: tmp, HELM_CONFIG_HOME: tmp, HELM_DATA_HOME: tmp },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = tempDir('podguard-chart-');

/** `helm template podguard charts/podguard -n podguard` with these --set/--set-json arguments. */
function helmTemplate(...args: string[]): { code: number | null; stdout: string; stderr: string; docs: Json[] } {
  const r = run(tool('helm'), ['template', 'podguard', CHART, '--namespace', NAMESPACE, ...args]);
  return { ...r, docs: r.code === 0 ? (yaml.loadAll(r.stdout) as Json[]).filter(Boolean) : [] };
}

function writeYaml(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

/** podguard scan --preset strict: exit 0, the one pod allowed, every finding excepted; returns the excepted checks. */
function scanClean(file: string): string[] {
  const r = podguard(['scan', '--preset', 'strict', '-o', 'json', file]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const doc = JSON.parse(r.stdout) as { summary: Json; results: Json[] };
  assert.equal(doc.summary['evaluated'], 1);
  assert.equal(doc.summary['denied'], 0);
  assert.equal(doc.summary['errors'], 0);
  const violations = doc.results.flatMap((x) => x['violations'] as Json[]);
  for (const v of violations) {
    assert.equal(v['exception']?.status, 'applied', `${v['check']} is not excepted`);
    assert.ok(String(v['exception'].justification).length > 40, `${v['check']}: the exception gives a reason`);
  }
  return violations.map((v) => v['check'] as string).sort();
}

const byKind = (docs: Json[], kind: string) => docs.filter((d) => d['kind'] === kind);
const webhooksOf = (docs: Json[]) =>
  [...byKind(docs, 'ValidatingWebhookConfiguration'), ...byKind(docs, 'MutatingWebhookConfiguration')].flatMap((c) => c['webhooks'] as Json[]);

describe('charts/podguard and deploy/ with the real Helm, kustomize and kube-apiserver', { skip }, () => {
  let caBundle: string;
  let rendered: ReturnType<typeof helmTemplate>;
  let kubeconfig: string;
  let stop: (() => Promise<void>) | undefined;

  before(async () => {
    const certs = podguard(['certs', '--out', path.join(tmp, 'certs'), '--name', `podguard.${NAMESPACE}.svc`]);
    assert.equal(certs.code, 0, certs.stderr);
    caBundle = certs.stdout.trim();
    rendered = helmTemplate('--set', `tls.caBundle=${caBundle}`);
    const cluster = await harness.startCluster({ podSecurity: { exemptNamespaces: [] } });
    stop = cluster.stop;
    kubeconfig = cluster.adminKubeconfig;
    // The namespace as deploy/ makes it (restricted enforced), for real: dry-run objects need it.
    const ns = run(tool('kubectl'), ['--kubeconfig', kubeconfig, 'apply', '-f', path.join(REPO, 'deploy', 'namespace.yaml')]);
    assert.equal(ns.code, 0, ns.stderr);
  });

  after(async () => {
    await stop?.();
  });

  test('helm lint passes', () => {
    const r = run(tool('helm'), ['lint', CHART, '--namespace', NAMESPACE, '--set', `tls.caBundle=${caBundle}`]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  test('renders the webhook, its scaling and its permissions', () => {
    assert.equal(rendered.code, 0, rendered.stderr);
    assert.deepEqual(rendered.docs.map((d) => d['kind']).sort(), [
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'MutatingWebhookConfiguration',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
      'ValidatingWebhookConfiguration',
    ]);
    const [deployment] = byKind(rendered.docs, 'Deployment');
    const spec = deployment!['spec'];
    assert.equal(spec.replicas, undefined, 'the HPA owns the replica count');
    assert.equal(spec.template.spec.containers[0].image, 'ghcr.io/podguard/podguard:0.1.0');
    assert.deepEqual(
      spec.template.spec.topologySpreadConstraints.map((c: Json) => [c['topologyKey'], c['labelSelector'].matchLabels]),
      [
        ['topology.kubernetes.io/zone', spec.selector.matchLabels],
        ['kubernetes.io/hostname', spec.selector.matchLabels],
      ],
    );
    const [hpa] = byKind(rendered.docs, 'HorizontalPodAutoscaler');
    assert.deepEqual(hpa!['spec'].scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment!['metadata'].name });
    assert.deepEqual(hpa!['spec'].metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
    assert.ok(hpa!['spec'].minReplicas > byKind(rendered.docs, 'PodDisruptionBudget')[0]!['spec'].minAvailable);
    for (const w of webhooksOf(rendered.docs)) assert.equal(w['clientConfig'].caBundle, caBundle, w['name']);
  });

  test('kubectl apply --dry-run=server accepts every object of the chart', () => {
    const file = writeYaml('chart.yaml', rendered.stdout);
    const r = run(tool('kubectl'), ['--kubeconfig', kubeconfig, 'apply', '--dry-run=server', '-f', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout
        .trim()
        .split('\n')
        .filter((l) => l.endsWith('(server dry run)')).length,
      rendered.docs.length,
      r.stdout,
    );
  });

  test('podguard scan --preset strict: clean, only host-user-namespace excepted, with its reason', () => {
    assert.deepEqual(scanClean(writeYaml('chart-scan.yaml', rendered.stdout)), ['host-user-namespace']);
  });

  test('hostUsers=false: a user namespace and no exception needed', () => {
    const r = helmTemplate('--set', `tls.caBundle=${caBundle}`, '--set', 'hostUsers=false');
    assert.equal(r.code, 0, r.stderr);
    const pod = byKind(r.docs, 'Deployment')[0]!['spec'].template;
    assert.equal(pod.spec.hostUsers, false);
    assert.equal(pod.metadata.annotations['exception.podguard.dev/host-user-namespace'], undefined);
    assert.deepEqual(scanClean(writeYaml('chart-userns.yaml', r.stdout)), []);
  });

  test('the PodSecurityConfiguration and podguard.yaml values reach podguard serve, valid, with the release namespace exempt', () => {
    const config = { preset: 'strict', exceptions: [] };
    const r = helmTemplate(
      '--set',
      `tls.caBundle=${caBundle}`,
      '--set-json',
      `config=${JSON.stringify(config)}`,
      '--set',
      'autoscaling.enabled=false',
      '--set',
      'replicas=3',
    );
    assert.equal(r.code, 0, r.stderr);
    const [deployment] = byKind(r.docs, 'Deployment');
    assert.equal(deployment!['spec'].replicas, 3);
    assert.equal(byKind(r.docs, 'HorizontalPodAutoscaler').length, 0);
    const container = deployment!['spec'].template.spec.containers[0];
    assert.ok(container.args.includes('--config=/etc/podguard/config/podsecurity.yaml'));
    assert.ok(container.args.includes('--config=/etc/podguard/config/podguard.yaml'));
    const data = byKind(r.docs, 'ConfigMap')[0]!['data'];
    const dir = tempDir('podguard-chart-config-');
    for (const name of ['podsecurity.yaml', 'podguard.yaml']) fs.writeFileSync(path.join(dir, name), data[name]);
    const loaded = loadWebhookConfig({ files: ['podsecurity.yaml', 'podguard.yaml'], cwd: dir });
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual([...loaded.podSecurity.exemptions.namespaces].sort(), ['kube-system', NAMESPACE]);
    // A changed configuration changes the pod template, so the pods restart with it.
    assert.notEqual(
      deployment!['spec'].template.metadata.annotations['checksum/config'],
      byKind(rendered.docs, 'Deployment')[0]!['spec'].template.metadata.annotations['checksum/config'],
    );
  });

  test('without a CA for the webhook it refuses to render, saying how to give one', () => {
    const r = helmTemplate();
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /no CA for the webhook: set tls\.caBundle .* create Secret podguard\/podguard-tls with ca\.crt .* tls\.certManager\.enabled=true/);
  });

  test("the caBundle is read from the TLS Secret's ca.crt when Helm can see the cluster", () => {
    const dir = path.join(tmp, 'certs');
    const secret = run(tool('kubectl'), [
      '--kubeconfig',
      kubeconfig,
      '-n',
      NAMESPACE,
      'create',
      'secret',
      'generic',
      'podguard-tls',
      '--type=kubernetes.io/tls',
      `--from-file=tls.crt=${dir}/tls.crt`,
      `--from-file=tls.key=${dir}/tls.key`,
      `--from-file=ca.crt=${dir}/ca.crt`,
    ]);
    assert.equal(secret.code, 0, secret.stderr);
    const r = helmTemplate('--dry-run=server', '--kubeconfig', kubeconfig);
    assert.equal(r.code, 0, r.stderr);
    for (const w of webhooksOf(r.docs)) assert.equal(w['clientConfig'].caBundle, caBundle, w['name']);
  });

  test('cert-manager: a Certificate into the TLS Secret and the CA injected, no caBundle in the chart', () => {
    const r = helmTemplate('--set', 'tls.certManager.enabled=true');
    assert.equal(r.code, 0, r.stderr);
    const certificates = byKind(r.docs, 'Certificate');
    const serving = certificates.find((c) => !c['spec'].isCA)!;
    assert.equal(serving['spec'].secretName, 'podguard-tls');
    assert.deepEqual(serving['spec'].dnsNames, ['podguard.podguard.svc', 'podguard.podguard.svc.cluster.local']);
    assert.equal(byKind(r.docs, 'Issuer').length, 2, 'a self-signed CA when no issuer is given');
    for (const c of [...byKind(r.docs, 'ValidatingWebhookConfiguration'), ...byKind(r.docs, 'MutatingWebhookConfiguration')]) {
      assert.equal(c['metadata'].annotations['cert-manager.io/inject-ca-from'], `podguard/${serving['metadata'].name}`);
    }
    for (const w of webhooksOf(r.docs)) assert.equal(w['clientConfig'].caBundle, undefined);
    const external = helmTemplate('--set', 'tls.certManager.enabled=true', '--set-json', 'tls.certManager.issuerRef={"name":"corp-ca","kind":"ClusterIssuer"}');
    assert.deepEqual(
      byKind(external.docs, 'Certificate').map((c) => c['spec'].issuerRef),
      [{ name: 'corp-ca', kind: 'ClusterIssuer' }],
    );
    assert.equal(byKind(external.docs, 'Issuer').length, 0);
  });

  describe('deploy/ (kustomize)', () => {
    let kustomized: string;
    before(() => {
      // The image is a parameter: set it as the docs say, on a copy.
      const copy = path.join(tmp, 'deploy');
      fs.cpSync(path.join(REPO, 'deploy'), copy, { recursive: true });
      const edit = spawnSync(tool('kustomize'), ['edit', 'set', 'image', 'podguard=registry.example.com/platform/podguard:1.2.3'], {
        cwd: copy,
        encoding: 'utf8',
      });
      assert.equal(edit.status, 0, edit.stderr);
      const r = run(tool('kustomize'), ['build', copy]);
      assert.equal(r.code, 0, r.stderr);
      kustomized = r.stdout;
    });

    test('the image is the one set with kustomize edit set image', () => {
      const [deployment] = byKind(yaml.loadAll(kustomized) as Json[], 'Deployment');
      assert.equal(deployment!['spec'].template.spec.containers[0].image, 'registry.example.com/platform/podguard:1.2.3');
    });

    test('kubectl apply --dry-run=server accepts every object', () => {
      const r = run(tool('kubectl'), ['--kubeconfig', kubeconfig, 'apply', '--dry-run=server', '-f', writeYaml('kustomized.yaml', kustomized)]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim().split('\n').length, (yaml.loadAll(kustomized) as Json[]).length, r.stdout);
    });

    test('podguard scan --preset strict: clean, only host-user-namespace excepted', () => {
      assert.deepEqual(scanClean(writeYaml('kustomized-scan.yaml', kustomized)), ['host-user-namespace']);
    });

    test('the chart installs the same webhooks as deploy/', () => {
      const strip = (w: Json) => ({ ...w, clientConfig: { ...w['clientConfig'], caBundle: undefined } });
      assert.deepEqual(webhooksOf(rendered.docs).map(strip), webhooksOf(yaml.loadAll(kustomized) as Json[]).map(strip));
    });
  });
});
