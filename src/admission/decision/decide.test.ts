// The admission decision against Pod Security Admission's behaviour (admission/admission.go and
// its tests): verdicts, the exact messages, warnings, audit annotations and metric events, for
// pods, workloads and namespaces, with bodies shaped as kube-apiserver sends them.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadSettings } from '../../config/load';
import type { KubeObject } from '../../k8s/types';
import {
  baselinePod,
  BASELINE_POD_REASONS,
  LABEL,
  namespaceCreate,
  namespaceObject,
  namespaceUpdate,
  pod,
  podCreate,
  podUpdate,
  privilegedPod,
  REPLICASET_CONTROLLER,
  restrictedPod,
  review,
  workload,
  WORKLOAD_KINDS,
  workloadCreate,
} from '../../../test/admission/fixtures';
import { tempDir } from '../../../test/support/temp-dir';
import { StaticClusterView, type ClusterView } from '../cluster/cluster-view';
import { decide, type Decision } from './decide';
import { UPSTREAM_NAMESPACE_LIMITS } from './namespace-pods';
import { DEFAULT_POD_SECURITY_CONFIG, validatePodSecurityConfiguration, type PodSecurityConfig } from '../../psa/pod-security-configuration';
import { requestOf } from './review';
import type { PolicyActions, WebhookSettings } from './settings';

const RESTRICTED = { [LABEL.enforce]: 'restricted' };

function settings(extra: Partial<WebhookSettings> = {}): WebhookSettings {
  return { podSecurity: DEFAULT_POD_SECURITY_CONFIG, denyWorkloads: false, mutate: false, namespaceLimits: UPSTREAM_NAMESPACE_LIMITS, ...extra };
}

function psaConfig(obj: Record<string, unknown>): PodSecurityConfig {
  const r = validatePodSecurityConfiguration({ apiVersion: 'pod-security.admission.config.k8s.io/v1', kind: 'PodSecurityConfiguration', ...obj });
  assert.deepEqual(r.errors, []);
  return r.config;
}

function run(body: Record<string, unknown>, objects: KubeObject[], extra: Partial<WebhookSettings> = {}, cluster?: ClusterView): Promise<Decision> {
  return decide(requestOf(body), { settings: settings(extra), cluster: cluster ?? new StaticClusterView(objects), now: Date.now });
}

const ns = (labels: Record<string, string>, name = 'team-a') => namespaceObject(name, labels);

const RESTRICTED_DETAIL_APP =
  'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), ' +
  'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), ' +
  'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), ' +
  'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';
const PRIVILEGED_DETAIL = 'privileged (container "app" must not set securityContext.privileged=true)';

describe('pods: enforce, audit and warn', () => {
  test('a pod that meets the enforced level is allowed, with the enforce-policy audit annotation', async () => {
    const d = await run(podCreate(restrictedPod('web')), [ns(RESTRICTED)]);
    assert.deepEqual(d.verdict, { allowed: true, auditAnnotations: { 'enforce-policy': 'restricted:latest' } });
    assert.deepEqual(d.events, [{ type: 'evaluation', decision: 'allow', policy: { level: 'restricted', version: 'latest' }, mode: 'enforce' }]);
  });

  test('a violating pod is denied with the Forbidden status PSA returns, word for word', async () => {
    const d = await run(podCreate(baselinePod('web')), [ns(RESTRICTED)]);
    assert.equal(d.verdict.allowed, false);
    assert.deepEqual(d.verdict.status, {
      metadata: {},
      status: 'Failure',
      message: `pods "web" is forbidden: violates PodSecurity "restricted:latest": ${RESTRICTED_DETAIL_APP}`,
      reason: 'Forbidden',
      details: { name: 'web', kind: 'pods' },
      code: 403,
    });
    assert.deepEqual(d.verdict.auditAnnotations, { 'enforce-policy': 'restricted:latest' });
    assert.equal(d.verdict.warnings, undefined);
  });

  test('warn and audit levels stricter than enforce: a warning and an audit annotation, the pod allowed', async () => {
    const labels = { [LABEL.enforce]: 'baseline', [LABEL.audit]: 'restricted', [LABEL.warn]: 'restricted', [LABEL.warnVersion]: 'v1.30' };
    const d = await run(podCreate(baselinePod('web')), [ns(labels)]);
    assert.equal(d.verdict.allowed, true);
    assert.deepEqual(d.verdict.warnings, [`would violate PodSecurity "restricted:v1.30": ${RESTRICTED_DETAIL_APP}`]);
    assert.deepEqual(d.verdict.auditAnnotations, {
      'enforce-policy': 'baseline:latest',
      'audit-violations': `would violate PodSecurity "restricted:latest": ${RESTRICTED_DETAIL_APP}`,
    });
    assert.deepEqual(
      d.events.map((e) => (e.type === 'evaluation' ? `${e.mode}:${e.decision}:${e.policy.level}:${e.policy.version}` : e.type)),
      ['enforce:allow:baseline:latest', 'audit:deny:restricted:latest', 'warn:deny:restricted:v1.30'],
    );
  });

  test('a denied pod gets no warnings, even when the warn level fails too', async () => {
    const labels = { [LABEL.enforce]: 'baseline', [LABEL.warn]: 'restricted' };
    const d = await run(podCreate(privilegedPod('root')), [ns(labels)]);
    assert.equal(d.verdict.allowed, false);
    assert.equal(d.verdict.warnings, undefined);
    assert.match(
      d.verdict.status!.message,
      /^pods "root" is forbidden: violates PodSecurity "baseline:latest": privileged \(container "app" must not set securityContext\.privileged=true\)$/,
    );
  });

  test('a namespace privileged for enforce, audit and warn short-circuits with privileged:latest', async () => {
    const d = await run(podCreate(privilegedPod('root')), [ns({})]);
    assert.deepEqual(d.verdict, { allowed: true, auditAnnotations: { 'enforce-policy': 'privileged:latest' } });
    assert.deepEqual(d.events, [{ type: 'evaluation', decision: 'allow', policy: { level: 'privileged', version: 'latest' }, mode: 'enforce' }]);
  });

  test('the enforce version chooses the rules and appears in the message; versions beyond v1.37 run as the newest', async () => {
    const old = await run(podCreate(baselinePod('web')), [ns({ [LABEL.enforce]: 'restricted', [LABEL.enforceVersion]: 'v1.22' })]);
    assert.match(old.verdict.status!.message, /violates PodSecurity "restricted:v1\.22": /);
    const future = await run(podCreate(baselinePod('web')), [ns({ [LABEL.enforce]: 'restricted', [LABEL.enforceVersion]: 'v1.99' })]);
    assert.equal(future.verdict.status!.message, `pods "web" is forbidden: violates PodSecurity "restricted:v1.99": ${RESTRICTED_DETAIL_APP}`);
    // restricted:v1.22 already had every rule this pod breaks (capabilities_restricted since v1.22).
    assert.equal(old.verdict.status!.message, `pods "web" is forbidden: violates PodSecurity "restricted:v1.22": ${RESTRICTED_DETAIL_APP}`);
    const beforeCapabilities = await run(podCreate(baselinePod('web')), [ns({ [LABEL.enforce]: 'restricted', [LABEL.enforceVersion]: 'v1.21' })]);
    assert.doesNotMatch(beforeCapabilities.verdict.status!.message, /unrestricted capabilities/);
  });

  test('cluster defaults from the PodSecurityConfiguration apply to namespaces without labels', async () => {
    const podSecurity = psaConfig({ defaults: { enforce: 'baseline', warn: 'restricted', 'warn-version': 'v1.29' } });
    const denied = await run(podCreate(privilegedPod('root')), [ns({})], { podSecurity });
    assert.match(denied.verdict.status!.message, /violates PodSecurity "baseline:latest": privileged/);
    const warned = await run(podCreate(baselinePod('web')), [ns({})], { podSecurity });
    assert.deepEqual(warned.verdict.warnings, [`would violate PodSecurity "restricted:v1.29": ${RESTRICTED_DETAIL_APP}`]);
  });
});

describe('pods: unparseable labels fall back as upstream does', () => {
  test('an invalid enforce level is evaluated as restricted and the error is audited', async () => {
    const d = await run(podCreate(baselinePod('web')), [ns({ [LABEL.enforce]: 'strict' })]);
    assert.equal(d.verdict.status!.message, `pods "web" is forbidden: violates PodSecurity "restricted:latest": ${RESTRICTED_DETAIL_APP}`);
    assert.equal(
      d.verdict.auditAnnotations!['error'],
      'Failed to parse policy: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
    );
    assert.ok(d.events.some((e) => e.type === 'error' && !e.fatal));
  });

  test('an invalid warn level fails open (privileged); an invalid version is evaluated as latest', async () => {
    const d = await run(podCreate(privilegedPod('root')), [ns({ [LABEL.enforce]: 'privileged', [LABEL.warn]: 'Restricted', [LABEL.enforceVersion]: 'v1.O' })]);
    assert.equal(d.verdict.allowed, true);
    assert.equal(d.verdict.warnings, undefined);
    assert.deepEqual(d.verdict.auditAnnotations, {
      error:
        'Failed to parse policy: [metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "v1.O": must be "latest" or "v1.x", ' +
        'metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "Restricted": must be one of privileged, baseline, restricted]',
      'enforce-policy': 'privileged:latest',
    });
  });
});

describe('pods: exemptions, updates and subresources', () => {
  const podSecurity = psaConfig({
    defaults: { enforce: 'restricted' },
    exemptions: { namespaces: ['kube-system'], usernames: ['system:serviceaccount:kube-system:replicaset-controller'], runtimeClasses: ['kata'] },
  });

  test('exempt namespace, user and runtime class: allowed with the exempt audit annotation, not evaluated', async () => {
    const byNs = await run(podCreate(privilegedPod('root', 'kube-system')), [], { podSecurity });
    assert.deepEqual(byNs.verdict, { allowed: true, auditAnnotations: { exempt: 'namespace' } });
    const byUser = await run(podCreate(privilegedPod('root'), { user: REPLICASET_CONTROLLER }), [], { podSecurity });
    assert.deepEqual(byUser.verdict, { allowed: true, auditAnnotations: { exempt: 'user' } });
    const byRc = await run(podCreate(privilegedPod('root', 'team-a', { runtimeClassName: 'kata' })), [], { podSecurity });
    assert.deepEqual(byRc.verdict, { allowed: true, auditAnnotations: { exempt: 'runtimeClass' } });
    for (const d of [byNs, byUser, byRc]) assert.deepEqual(d.events, [{ type: 'exemption' }]);
    const notExempt = await run(podCreate(privilegedPod('root', 'team-a', { runtimeClassName: 'gvisor' })), [], { podSecurity });
    assert.equal(notExempt.verdict.allowed, false);
  });

  test('an update that changes nothing significant is allowed without evaluation', async () => {
    const old = privilegedPod('root');
    const relabeled = { ...old, metadata: { ...old.metadata, labels: { app: 'root', tier: 'x' } }, status: { phase: 'Running' } };
    const d = await run(podUpdate(relabeled, old), [ns(RESTRICTED)]);
    assert.deepEqual(d.verdict, { allowed: true });
    assert.deepEqual(d.events, []);
  });

  test('an update that changes an image is evaluated', async () => {
    const old = privilegedPod('root');
    const spec = old['spec'] as { containers: { image: string }[] };
    const next = { ...old, spec: { ...spec, containers: [{ ...spec.containers[0]!, image: 'registry.example.com/shop/web:1.4.3' }] } };
    const d = await run(podUpdate(next, old), [ns(RESTRICTED)]);
    assert.equal(d.verdict.allowed, false);
  });

  test('ephemeral containers added through pods/ephemeralcontainers are evaluated', async () => {
    const running = restrictedPod('web');
    const debugged = restrictedPod('web', 'team-a', { ephemeralContainers: [{ name: 'debugger', securityContext: { privileged: true } }] });
    const d = await run(podUpdate(debugged, running, { subResource: 'ephemeralcontainers' }), [ns({ [LABEL.enforce]: 'baseline' })]);
    assert.equal(
      d.verdict.status!.message,
      'pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged (container "debugger" must not set securityContext.privileged=true)',
    );
    const safe = restrictedPod('web', 'team-a', {
      ephemeralContainers: [{ name: 'debugger', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
    });
    assert.equal((await run(podUpdate(safe, running, { subResource: 'ephemeralcontainers' }), [ns(RESTRICTED)])).verdict.allowed, true);
  });

  test('status, binding, exec and the other ignored subresources are allowed untouched', async () => {
    const p = privilegedPod('root');
    for (const sub of ['status', 'exec', 'attach', 'binding', 'eviction', 'log', 'portforward', 'proxy']) {
      const d = await run(podUpdate(p, p, { subResource: sub }), [ns(RESTRICTED)]);
      assert.deepEqual(d.verdict, { allowed: true }, sub);
      assert.deepEqual(d.events, [], sub);
    }
    // Any other subresource of a pod carries a pod and is evaluated (fails safe for new ones).
    const resize = await run(podUpdate({ ...p, spec: { ...(p['spec'] as object), containers: [] } }, p, { subResource: 'resize' }), [ns(RESTRICTED)]);
    assert.equal(resize.events.length > 0, true);
  });

  test('dry-run requests get the same answer as real ones', async () => {
    const real = await run(podCreate(baselinePod('web')), [ns(RESTRICTED)]);
    const dry = await run(podCreate(baselinePod('web'), { dryRun: true }), [ns(RESTRICTED)]);
    assert.deepEqual(dry.verdict, real.verdict);
  });

  test('DELETE and CONNECT are not evaluated', async () => {
    const d = await run(podCreate(privilegedPod('root'), { operation: 'DELETE', object: null, oldObject: privilegedPod('root') }), [ns(RESTRICTED)]);
    assert.deepEqual(d.verdict, { allowed: true });
  });

  test('a pod request without a pod is a bad request, as upstream answers', async () => {
    const d = await run(podCreate(privilegedPod('root'), { object: null }), [ns(RESTRICTED)]);
    assert.equal(d.verdict.allowed, false);
    assert.deepEqual(d.verdict.status, { metadata: {}, status: 'Failure', message: 'failed to decode pod', reason: 'BadRequest', code: 400 });
    assert.deepEqual(d.verdict.auditAnnotations, { error: 'failed to decode pod' });
  });

  test('a namespace that cannot be looked up fails closed for pods and open for workloads', async () => {
    const broken: ClusterView = {
      namespace: () => Promise.reject(new Error('namespaces "team-a" not found')),
      pods: () => Promise.resolve([]),
      ready: () => true,
    };
    const p = await run(podCreate(baselinePod('web')), [], {}, broken);
    assert.equal(p.verdict.allowed, false);
    assert.equal(p.verdict.status!.code, 500);
    assert.equal(p.verdict.status!.message, 'Internal error occurred: failed to lookup namespace team-a');
    assert.equal(p.verdict.auditAnnotations!['error'], 'Internal error occurred: failed to lookup namespace team-a: namespaces "team-a" not found');
    const w = await run(workloadCreate(workload('Deployment', 'web', baselinePod('web'))), [], {}, broken);
    assert.deepEqual(w.verdict, { allowed: true, auditAnnotations: { error: 'failed to lookup namespace team-a: namespaces "team-a" not found' } });
  });
});

describe('workloads', () => {
  const labels = { [LABEL.enforce]: 'restricted', [LABEL.audit]: 'restricted', [LABEL.warn]: 'restricted' };
  for (const kind of WORKLOAD_KINDS) {
    test(`${kind}: warned and audited, never denied by the standard`, async () => {
      const d = await run(workloadCreate(workload(kind, 'web', privilegedPod('web'))), [ns(labels)]);
      const message = `would violate PodSecurity "restricted:latest": ${PRIVILEGED_DETAIL}, ${RESTRICTED_DETAIL_APP}`;
      assert.deepEqual(d.verdict, { allowed: true, warnings: [message], auditAnnotations: { 'audit-violations': message } });
    });
  }

  test('a namespace privileged for audit and warn skips workloads entirely', async () => {
    const d = await run(workloadCreate(workload('Deployment', 'web', privilegedPod('web'))), [ns(RESTRICTED)]);
    assert.deepEqual(d.verdict, { allowed: true });
    assert.deepEqual(d.events, []);
  });

  test('--deny-workloads (or the namespace label) denies a workload whose pods would be denied', async () => {
    const deployment = workloadCreate(workload('Deployment', 'web', baselinePod('web')));
    const flag = await run(deployment, [ns(RESTRICTED)], { denyWorkloads: true });
    assert.equal(flag.verdict.status!.message, `deployments.apps "web" is forbidden: violates PodSecurity "restricted:latest": ${RESTRICTED_DETAIL_APP}`);
    assert.deepEqual(flag.verdict.status!.details, { name: 'web', group: 'apps', kind: 'deployments' });
    const label = await run(deployment, [ns({ ...RESTRICTED, 'podguard.dev/deny-workloads': 'true' })]);
    assert.equal(label.verdict.allowed, false);
    const optOut = await run(deployment, [ns({ ...RESTRICTED, 'podguard.dev/deny-workloads': 'false' })], { denyWorkloads: true });
    assert.equal(optOut.verdict.allowed, true);
    const fine = await run(workloadCreate(workload('CronJob', 'ok', restrictedPod('ok'))), [ns(RESTRICTED)], { denyWorkloads: true });
    assert.equal(fine.verdict.allowed, true);
  });

  test('the podguard.io labels of podguard 0.1 still switch, and say they are deprecated', async () => {
    const deployment = workloadCreate(workload('Deployment', 'web', baselinePod('web')));
    const legacy = await run(deployment, [ns({ ...RESTRICTED, 'podguard.io/deny-workloads': 'true' })]);
    assert.equal(legacy.verdict.allowed, false);
    assert.deepEqual(legacy.verdict.warnings, [
      'podguard: the namespace label podguard.io/deny-workloads is deprecated; use podguard.dev/deny-workloads (podguard.io keys are read until podguard 0.3)',
    ]);
    const both = await run(deployment, [ns({ ...RESTRICTED, 'podguard.dev/deny-workloads': 'false', 'podguard.io/deny-workloads': 'true' })]);
    assert.deepEqual(both.verdict, { allowed: true }, 'the current key wins and nothing is deprecated');
  });

  test('with mutation on, a workload is judged as its pods will be after the safe fixes', async () => {
    const almost = pod({ name: 'web', containers: [{ securityContext: { capabilities: { drop: ['ALL'] }, runAsNonRoot: true } }] });
    const d = await run(workloadCreate(workload('Deployment', 'web', almost)), [ns({ ...RESTRICTED, 'podguard.dev/mutate': 'true' })], { denyWorkloads: true });
    assert.equal(d.verdict.allowed, true);
    const without = await run(workloadCreate(workload('Deployment', 'web', almost)), [ns(RESTRICTED)], { denyWorkloads: true });
    assert.match(without.verdict.status!.message, /allowPrivilegeEscalation != false .*seccompProfile/);
  });

  test("a kind that carries no pod is allowed, with upstream's error annotation", async () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'team-a' }, data: { a: 'b' } };
    const body = review({
      operation: 'CREATE',
      kind: { group: '', version: 'v1', kind: 'ConfigMap' },
      resource: { group: '', version: 'v1', resource: 'configmaps' },
      name: 'cfg',
      namespace: 'team-a',
      object: configMap,
    });
    const d = await run(body, [ns({ [LABEL.warn]: 'restricted' })]);
    assert.deepEqual(d.verdict, { allowed: true, auditAnnotations: { error: 'failed to extract pod template: unexpected object type: /v1, Kind=ConfigMap' } });
    assert.deepEqual(d.events, [{ type: 'error', fatal: true }]);
  });

  test('workload subresources (scale, status) are not evaluated', async () => {
    const d = await run(workloadCreate(workload('Deployment', 'web', privilegedPod('web')), { operation: 'UPDATE', subResource: 'scale' }), [
      ns({ [LABEL.warn]: 'restricted' }),
    ]);
    assert.deepEqual(d.verdict, { allowed: true });
  });
});

describe('namespaces', () => {
  test('creating a namespace with invalid labels is refused as Invalid (422), each label named', async () => {
    const d = await run(namespaceCreate('shop', { [LABEL.enforce]: 'unknown', [LABEL.auditVersion]: 'v2.0' }), []);
    assert.deepEqual(d.verdict.status, {
      metadata: {},
      status: 'Failure',
      message:
        'Namespace "shop" is invalid: [metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "unknown": must be one of privileged, baseline, restricted, ' +
        'metadata.labels[pod-security.kubernetes.io/audit-version]: Invalid value: "v2.0": must be "latest" or "v1.x"]',
      reason: 'Invalid',
      details: {
        name: 'shop',
        kind: 'Namespace',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: "unknown": must be one of privileged, baseline, restricted',
            field: 'metadata.labels[pod-security.kubernetes.io/enforce]',
          },
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: "v2.0": must be "latest" or "v1.x"',
            field: 'metadata.labels[pod-security.kubernetes.io/audit-version]',
          },
        ],
      },
      code: 422,
    });
    assert.deepEqual((await run(namespaceCreate('shop', RESTRICTED), [])).verdict, { allowed: true });
  });

  test('an update keeping the same invalid labels is allowed; introducing one is refused', async () => {
    const bad = { [LABEL.enforce]: 'unknown' };
    assert.deepEqual((await run(namespaceUpdate('shop', bad, bad), [])).verdict, { allowed: true });
    const d = await run(namespaceUpdate('shop', bad, RESTRICTED), []);
    assert.equal(
      d.verdict.status!.message,
      'Namespace "shop" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "unknown": must be one of privileged, baseline, restricted',
    );
  });

  const existing = [
    baselinePod('web-1', 'shop', { ownerUid: 'rs-1' }),
    baselinePod('web-2', 'shop', { ownerUid: 'rs-1' }),
    baselinePod('api', 'shop'),
    privilegedPod('agent', 'shop'),
    restrictedPod('good', 'shop'),
  ];

  test('tightening enforce warns with the existing pods that would violate it, grouped as upstream groups them', async () => {
    const d = await run(namespaceUpdate('shop', RESTRICTED, { [LABEL.enforce]: 'baseline' }), [ns({}, 'shop'), ...existing]);
    assert.equal(d.verdict.allowed, true);
    assert.deepEqual(d.verdict.warnings, [
      'existing pods in namespace "shop" violate the new PodSecurity enforce level "restricted:latest"',
      `agent: privileged, ${BASELINE_POD_REASONS}`,
      `api (and 2 other pods): ${BASELINE_POD_REASONS}`,
    ]);
  });

  test('relaxing, keeping or exempting enforce does not list pods', async () => {
    let listed = 0;
    const view = new StaticClusterView(existing);
    const counting: ClusterView = { namespace: (n) => view.namespace(n), pods: (n) => (listed++, view.pods(n)), ready: () => true };
    const same = await run(namespaceUpdate('shop', RESTRICTED, RESTRICTED), [], {}, counting);
    const relaxed = await run(namespaceUpdate('shop', { [LABEL.enforce]: 'baseline' }, RESTRICTED), [], {}, counting);
    const privileged = await run(namespaceUpdate('shop', {}, RESTRICTED), [], {}, counting);
    for (const d of [same, relaxed, privileged]) assert.deepEqual(d.verdict, { allowed: true });
    const exempt = await run(namespaceUpdate('shop', RESTRICTED, {}), [], { podSecurity: psaConfig({ exemptions: { namespaces: ['shop'] } }) }, counting);
    assert.deepEqual(exempt.verdict, { allowed: true, auditAnnotations: { exempt: 'namespace' } });
    assert.equal(listed, 0);
    // A newer version at the same level is a tightening: pods are checked.
    await run(
      namespaceUpdate(
        'shop',
        { [LABEL.enforce]: 'restricted', [LABEL.enforceVersion]: 'v1.30' },
        { [LABEL.enforce]: 'restricted', [LABEL.enforceVersion]: 'v1.29' },
      ),
      [],
      {},
      counting,
    );
    assert.equal(listed, 1);
  });
});

describe('podguard hardening policies beside the standard', () => {
  const loaded = loadSettings({ cwd: os.tmpdir(), noDiscovery: true, preset: 'recommended' });
  const policies = (denyAt: PolicyActions['denyAt'], warnAt: PolicyActions['warnAt'], from = loaded) => ({
    denyAt,
    warnAt,
    settingsFor: (n: string) => from.settingsFor(n),
  });
  const hostNetworkPod = () => restrictedPod('web', 'team-a', { hostNetwork: true });

  test('a finding the standard does not enforce here warns and is audited, by severity', async () => {
    const d = await run(podCreate(hostNetworkPod()), [ns({})], { policies: policies('never', 'medium') });
    assert.equal(d.verdict.allowed, true);
    assert.deepEqual(d.verdict.warnings, ['podguard policy host-network (high): pod sets hostNetwork=true']);
    assert.equal(d.verdict.auditAnnotations!['podguard-violations'], 'host-network (pod sets hostNetwork=true)');
    assert.equal(d.verdict.auditAnnotations!['enforce-policy'], 'privileged:latest');
    const quiet = await run(podCreate(hostNetworkPod()), [ns({})], { policies: policies('never', 'critical') });
    assert.equal(quiet.verdict.warnings, undefined);
    assert.equal(quiet.verdict.auditAnnotations!['podguard-violations'], 'host-network (pod sets hostNetwork=true)');
  });

  test('at or above the deny severity a pod is denied; a workload only warned unless workloads are denied early', async () => {
    const d = await run(podCreate(hostNetworkPod()), [ns({})], { policies: policies('high', 'medium') });
    assert.equal(d.verdict.status!.message, 'pods "web" is forbidden: violates podguard policy: host-network (pod sets hostNetwork=true)');
    const w = await run(workloadCreate(workload('DaemonSet', 'agent', hostNetworkPod())), [ns({})], { policies: policies('high', 'never') });
    assert.deepEqual(w.verdict.warnings, ['podguard policy host-network (high): pod sets hostNetwork=true']);
    const early = await run(workloadCreate(workload('DaemonSet', 'agent', hostNetworkPod())), [ns({})], {
      policies: policies('high', 'never'),
      denyWorkloads: true,
    });
    assert.equal(early.verdict.allowed, false);
  });

  test("a policy the enforced standard already covers is not repeated; the standard's message stays exact", async () => {
    const d = await run(podCreate(hostNetworkPod()), [ns({ [LABEL.enforce]: 'baseline' })], { policies: policies('high', 'low') });
    assert.equal(d.verdict.status!.message, 'pods "web" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true)');
    assert.equal(d.verdict.auditAnnotations!['podguard-violations'], undefined);
  });

  test('an exception in podguard.yaml silences the policy, never the standard', async () => {
    const dir = tempDir('podguard-decide-');
    fs.writeFileSync(
      path.join(dir, 'podguard.yaml'),
      'apiVersion: podguard.dev/v1alpha1\nkind: PodguardConfiguration\nexceptions:\n- namespace: team-a\n  checks: [host-network]\n  justification: the CNI agent needs the node network\n',
    );
    const withException = loadSettings({ cwd: dir, configPath: 'podguard.yaml' });
    assert.deepEqual(withException.errors, []);
    const d = await run(podCreate(hostNetworkPod()), [ns({})], { policies: policies('high', 'low', withException) });
    assert.deepEqual(d.verdict, { allowed: true, auditAnnotations: { 'enforce-policy': 'privileged:latest' } });
  });
});
