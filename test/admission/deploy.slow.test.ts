// deploy/ rendered by the real `kubectl kustomize`: it must render, pass `podguard scan --preset
// strict`, and keep the properties the webhook's availability depends on.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import yaml from 'js-yaml';
import { loadWebhookConfig } from '../../src/admission/config/load-config';
import type { KubeObject } from '../../src/k8s/types';
import { podguard, REPO } from '../support/cli';
import { tempDir } from '../support/temp-dir';

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const skip = kubectl.status === 0 ? false : 'kubectl is not installed';

type Json = Record<string, any>;

describe('deploy/ with kubectl kustomize', { skip }, () => {
  const rendered = spawnSync('kubectl', ['kustomize', path.join(REPO, 'deploy')], { encoding: 'utf8' });
  const docs = rendered.status === 0 ? (yaml.loadAll(rendered.stdout) as Json[]) : [];
  const find = (kind: string) => docs.filter((d) => d['kind'] === kind);

  test('renders', () => {
    assert.equal(rendered.status, 0, rendered.stderr);
    assert.deepEqual(docs.map((d) => d['kind']).sort(), [
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'Deployment',
      'MutatingWebhookConfiguration',
      'Namespace',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
      'ValidatingWebhookConfiguration',
    ]);
  });

  test('passes podguard scan --preset strict', () => {
    const file = path.join(tempDir('podguard-deploy-'), 'rendered.yaml');
    fs.writeFileSync(file, rendered.stdout);
    const r = podguard(['scan', '--preset', 'strict', '-o', 'json', file]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout) as { summary: { evaluated: number; denied: number; errors: number } };
    assert.equal(doc.summary.evaluated, 1);
    assert.equal(doc.summary.denied, 0);
    assert.equal(doc.summary.errors, 0);
  });

  test('two replicas spread over nodes, a disruption budget, no surge below two', () => {
    const [deployment] = find('Deployment');
    const spec = deployment!['spec'];
    assert.equal(spec.replicas, 2);
    assert.equal(spec.strategy.rollingUpdate.maxUnavailable, 0);
    assert.equal(
      spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey,
      'kubernetes.io/hostname',
    );
    const [pdb] = find('PodDisruptionBudget');
    assert.equal(pdb!['spec'].minAvailable, 1);
    assert.deepEqual(pdb!['spec'].selector.matchLabels, spec.selector.matchLabels);
  });

  test('the container runs what `podguard serve` accepts, with files the manifests provide', () => {
    const [deployment] = find('Deployment');
    const pod = deployment!['spec'].template.spec;
    const c = pod.containers[0];
    assert.equal(c.args[0], 'serve');
    const mounts = new Map<string, string>(c.volumeMounts.map((m: Json) => [m['name'], m['mountPath']]));
    const configMap = find('ConfigMap')[0]!;
    const configVolume = pod.volumes.find((v: Json) => v['configMap']);
    assert.equal(configVolume.configMap.name, configMap['metadata'].name, 'the generated ConfigMap name (with its hash) is referenced');
    assert.ok(c.args.includes(`--config=${mounts.get(configVolume.name)}/podsecurity.yaml`));
    assert.ok(c.args.includes(`--tls-cert=${mounts.get('tls')}/tls.crt`));
    // The PodSecurityConfiguration shipped is valid for the webhook.
    const dir = tempDir('podguard-deploy-config-');
    fs.writeFileSync(path.join(dir, 'podsecurity.yaml'), configMap['data']['podsecurity.yaml']);
    const loaded = loadWebhookConfig({ files: ['podsecurity.yaml'], cwd: dir, preset: 'pss' });
    assert.deepEqual(loaded.errors, []);
    assert.ok(loaded.podSecurity.exemptions.namespaces.has('kube-system'));
    // The probes use the port the Service targets.
    const [service] = find('Service');
    assert.equal(service!['spec'].ports[0].targetPort, c.ports[0].name);
    assert.equal(c.readinessProbe.httpGet.path, '/readyz');
    assert.equal(pod.automountServiceAccountToken, false);
  });

  test('RBAC grants only reads: namespaces get/list/watch, pods list', () => {
    const [role] = find('ClusterRole');
    assert.deepEqual(role!['rules'], [
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
    ]);
    const [binding] = find('ClusterRoleBinding');
    assert.deepEqual(binding!['subjects'], [{ kind: 'ServiceAccount', name: 'podguard', namespace: 'podguard' }]);
  });

  test('webhooks: v1 reviews, no side effects, bounded timeouts, chosen failure policies, own namespace and kube-system excluded', () => {
    const webhooks = [...find('ValidatingWebhookConfiguration'), ...find('MutatingWebhookConfiguration')].flatMap((c) => c['webhooks'] as Json[]);
    assert.equal(webhooks.length, 4);
    for (const w of webhooks) {
      assert.deepEqual(w['admissionReviewVersions'], ['v1'], w['name']);
      assert.equal(w['sideEffects'], 'None', w['name']);
      assert.ok(w['timeoutSeconds'] >= 1 && w['timeoutSeconds'] <= 10, w['name']);
      assert.deepEqual(
        w['namespaceSelector'].matchExpressions[0],
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'podguard'] },
        w['name'],
      );
      assert.equal(w['clientConfig'].service.namespace, 'podguard');
    }
    const policy = Object.fromEntries(webhooks.map((w) => [w['name'], w['failurePolicy']]));
    assert.deepEqual(policy, {
      'pod.validate.podguard.dev': 'Fail',
      'workload.validate.podguard.dev': 'Ignore',
      'namespace.validate.podguard.dev': 'Ignore',
      'pod.mutate.podguard.dev': 'Ignore',
    });
    const pods = webhooks.find((w) => w['name'] === 'pod.validate.podguard.dev')!;
    assert.deepEqual(pods['rules'][0].resources, ['pods', 'pods/ephemeralcontainers']);
  });

  test("the webhook's own namespace enforces restricted", () => {
    const [ns] = find('Namespace') as KubeObject[];
    assert.equal(ns!.metadata!.labels!['pod-security.kubernetes.io/enforce'], 'restricted');
  });
});
