import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../k8s/types';
import { compilePattern } from '../exceptions/pattern';
import { BUILTIN_POLICIES as POLICIES } from '../policies/catalogue';
import { BASELINE_SPEC, deployment, namespace, pod, PRIVILEGED_SPEC, replicaSet, RESTRICTED_SPEC, sampleCluster } from '../../test/audit/fixtures';
import { auditNamespace, evaluatedVersion, type NamespaceBatch } from './audit-namespace';
import { NO_EXEMPTIONS } from '../psa/exemptions';

/** `ns` null: the Namespace object could not be read. */
function batch(name: string, objects: KubeObject[], ns: KubeObject | null = namespace(name)): NamespaceBatch {
  return { name, ...(ns ? { namespace: ns } : {}), objects, errors: [] };
}

function sampleBatch(name: string): NamespaceBatch {
  const all = sampleCluster();
  return batch(
    name,
    all.filter((o) => o.kind !== 'Namespace' && o.metadata?.namespace === name),
    all.find((o) => o.kind === 'Namespace' && o.metadata?.name === name) ?? null,
  );
}

describe('auditNamespace: verdicts at the namespace policy and the what-if levels', () => {
  test('shop enforces baseline: the privileged Deployment and the one with an injected sidecar break it', () => {
    const ns = auditNamespace(sampleBatch('shop'), { serverMinor: 32 });
    assert.deepEqual(ns.policy.enforce, { level: 'baseline', version: 'latest' });
    assert.equal(ns.evaluatedVersion, 'v1.32');
    assert.equal(ns.meets, 'privileged');
    assert.deepEqual(ns.counts, { workloads: 3, pods: 4, failing: { enforce: 2, audit: 0, warn: 0, baseline: 2, restricted: 2 }, withPolicyFindings: 0 });
    const byName = Object.fromEntries(ns.workloads.map((w) => [w.object.name, w]));
    assert.equal(byName['web']!.pods, 3);
    assert.deepEqual(
      byName['web']!.levels.baseline.violations.map((v) => [v.check, v.objects]),
      [['privileged', 4]],
    );
    // cart's template passes baseline; its pod's injected proxy container does not.
    const cart = byName['cart']!;
    assert.equal(cart.modes.enforce, false);
    assert.deepEqual(
      cart.levels.baseline.violations.map((v) => [v.check, v.object.kind]),
      [['capabilities_baseline', 'Pod']],
    );
    // api is scaled to zero: judged by its template alone.
    assert.equal(byName['api']!.pods, 0);
    assert.equal(byName['api']!.meets, 'restricted');
    // Riskiest first: the workloads that fail what is enforced lead.
    assert.deepEqual(
      ns.workloads.map((w) => w.modes.enforce),
      [false, false, true],
    );
  });

  test('an unparseable enforce label enforces restricted and is reported in upstream words', () => {
    const ns = auditNamespace(
      batch(
        'x',
        [pod('x', 'p', BASELINE_SPEC)],
        namespace('x', { 'pod-security.kubernetes.io/enforce': 'strict', 'pod-security.kubernetes.io/warn-version': 'v1' }),
      ),
    );
    assert.deepEqual(ns.policy.enforce, { level: 'restricted', version: 'latest' });
    assert.deepEqual(ns.policy.labelErrors, [
      'metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
      'metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: "v1": must be "latest" or "v1.x"',
    ]);
    assert.equal(ns.counts.failing.enforce, 1);
  });

  test('"latest" and versions newer than the API server are evaluated as the server version', () => {
    assert.equal(evaluatedVersion('latest', 30), 30);
    assert.equal(evaluatedVersion('v1.35', 30), 30);
    assert.equal(evaluatedVersion('v1.25', 30), 25);
    assert.equal(evaluatedVersion('latest', undefined), 'latest');
    // net.ipv4.tcp_rmem became an allowed sysctl in v1.32: a v1.30 server still rejects it.
    const spec = { ...BASELINE_SPEC, securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] } };
    const objects = [pod('x', 'p', spec)];
    const labels = namespace('x', { 'pod-security.kubernetes.io/enforce': 'baseline' });
    assert.equal(auditNamespace(batch('x', objects, labels), { serverMinor: 30 }).workloads[0]!.modes.enforce, false);
    assert.equal(auditNamespace(batch('x', objects, labels), { serverMinor: 32 }).workloads[0]!.modes.enforce, true);
  });

  test('audit and warn are judged at their own level and version', () => {
    const labels = namespace('x', {
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'v1.20',
    });
    const w = auditNamespace(batch('x', [pod('x', 'p', BASELINE_SPEC)], labels)).workloads[0]!;
    assert.deepEqual(w.modes, { enforce: true, audit: false, warn: false });
    assert.equal(w.meets, 'baseline');
  });

  test('without a Namespace object the PodSecurityConfiguration defaults apply', () => {
    const defaults = {
      enforce: { level: 'baseline', version: 'v1.29' },
      audit: { level: 'restricted', version: 'latest' },
      warn: { level: 'privileged', version: 'latest' },
    } as const;
    const ns = auditNamespace(batch('y', [pod('y', 'p', PRIVILEGED_SPEC)], null), { defaults });
    assert.equal(ns.labelsKnown, false);
    assert.deepEqual(ns.policy.enforce, { level: 'baseline', version: 'v1.29' });
    assert.equal(ns.evaluatedVersion, 'v1.29');
    assert.equal(ns.counts.failing.enforce, 1);
  });

  test('an exempt namespace passes every mode, yet its what-if is still computed', () => {
    const ns = auditNamespace(
      batch('kube-system', [pod('kube-system', 'p', PRIVILEGED_SPEC)], namespace('kube-system', { 'pod-security.kubernetes.io/enforce': 'restricted' })),
      { exemptions: { ...NO_EXEMPTIONS, namespaces: new Set(['kube-system']) } },
    );
    assert.equal(ns.exempt, true);
    assert.deepEqual(ns.workloads[0]!.modes, { enforce: true, audit: true, warn: true });
    assert.equal(ns.workloads[0]!.levels.baseline.allowed, false);
  });

  test('pods with an exempt runtime class are skipped at every level', () => {
    const spec = { ...PRIVILEGED_SPEC, runtimeClassName: 'kata' };
    const ns = auditNamespace(
      batch('x', [pod('x', 'vm', spec), pod('x', 'plain', PRIVILEGED_SPEC)], namespace('x', { 'pod-security.kubernetes.io/enforce': 'restricted' })),
      { exemptions: { ...NO_EXEMPTIONS, runtimeClasses: new Set(['kata']) } },
    );
    const byName = Object.fromEntries(ns.workloads.map((w) => [w.object.name, w]));
    assert.equal(byName['vm']!.exempt, true);
    assert.equal(byName['vm']!.meets, 'restricted');
    assert.equal(byName['plain']!.exempt, false);
    assert.equal(ns.counts.failing.enforce, 1);
    assert.equal(ns.meets, 'privileged');
  });

  test('an empty namespace meets restricted; a namespace read with errors is marked incomplete', () => {
    assert.equal(auditNamespace(batch('empty', [])).meets, 'restricted');
    const ns = auditNamespace({ name: 'part', objects: [], errors: [{ namespace: 'part', resource: 'pods', status: 403, message: 'pods is forbidden' }] });
    assert.equal(ns.complete, false);
    assert.equal(ns.labelsKnown, false);
  });

  test('identical violations of a template and its pods are one violation counting every object', () => {
    const d = deployment('x', 'web', PRIVILEGED_SPEC, 2);
    const rs = replicaSet('x', 'web-1', PRIVILEGED_SPEC, d);
    const pods = [pod('x', 'web-1-a', PRIVILEGED_SPEC, rs), pod('x', 'web-1-b', PRIVILEGED_SPEC, rs)];
    const w = auditNamespace(batch('x', [d, rs, ...pods])).workloads;
    assert.equal(w.length, 1);
    const privileged = w[0]!.levels.baseline.violations.find((v) => v.check === 'privileged')!;
    assert.equal(privileged.objects, 3); // the Deployment's template and both pods (the ReplicaSet's copy is not counted)
    assert.deepEqual(privileged.object, { kind: 'Deployment', name: 'web' });
    assert.deepEqual(privileged.fields, ['spec.template.spec.containers[0].securityContext.privileged']);
  });

  test('hardening policy findings come from the configured settings, evaluated once per object', () => {
    const spec = { ...RESTRICTED_SPEC, hostNetwork: true };
    const ns = auditNamespace(batch('x', [pod('x', 'p', spec)]), {
      settingsFor: () => ({ profile: { level: 'restricted', version: 'latest' }, policies: POLICIES }),
    });
    const w = ns.workloads[0]!;
    assert.ok(w.policies.length > 0, 'expected policy findings');
    assert.ok(w.policies.every((p) => p.standard === 'podguard' && typeof p.severity === 'string'));
    assert.equal(ns.counts.withPolicyFindings, 1);
    // PSS findings stay in the levels, not among the policies.
    assert.ok(w.levels.baseline.violations.some((v) => v.check === 'hostNamespaces'));
  });

  test('an exception written for a Deployment covers the findings on its pods', () => {
    // Only the pod has the finding: its template opts out of the service account token, the pod
    // (changed by something after creation) does not.
    const template = { ...RESTRICTED_SPEC, automountServiceAccountToken: false };
    const d = deployment('x', 'web', template, 1);
    const rs = replicaSet('x', 'web-1', template, d);
    const objects = [d, rs, pod('x', 'web-1-a', RESTRICTED_SPEC, rs)];
    const base = { profile: { level: 'restricted' as const, version: 'latest' as const }, policies: POLICIES };
    const plain = auditNamespace(batch('x', objects), { settingsFor: () => base }).workloads[0]!;
    const check = plain.policies.find((p) => p.object.kind === 'Pod')!.check;
    assert.equal(check, 'service-account-token-mounted');
    const exceptions = {
      rules: [
        {
          id: 'web-token',
          checks: [check],
          kinds: ['Deployment'],
          names: [compilePattern('web')],
          justification: 'reads the API',
          origin: { kind: 'config' as const, file: 'podguard.yaml', line: 3 },
        },
      ],
      locked: new Set<string>(),
      annotations: true,
    };
    const w = auditNamespace(batch('x', objects), { settingsFor: () => ({ ...base, exceptions }) }).workloads[0]!;
    const covered = w.policies.find((p) => p.check === check)!;
    assert.deepEqual(covered.object, { kind: 'Pod', name: 'web-1-a' });
    assert.equal(covered.exception?.status, 'applied');
    assert.equal(covered.exception?.id, 'web-token');
  });
});
