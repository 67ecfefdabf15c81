// The engine with policies, severities, fail-on, exceptions and PSA exemptions: the standard's
// verdict never moves; everything else shows in findings and `failed`.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../k8s/types';
import { BUILTIN_POLICIES as POLICIES } from '../policies/catalogue';
import { builtinPolicies } from '../policies/registry';
import { activePolicies, evaluateObject, type EvaluationSettings } from './evaluate';
import { PASS, type ObjectPolicy } from '../policies/policy';

const restricted = { level: 'restricted' as const, version: 'latest' as const };
const privileged = { level: 'privileged' as const, version: 'latest' as const };

function pod(spec: object, metadata: Record<string, string> = { name: 'p', namespace: 'shop' }): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}
const PRIVILEGED = pod({ containers: [{ name: 'app', securityContext: { privileged: true } }] });
const HARDENED = pod({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'app', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
});

describe('without policies', () => {
  test('{ profile } alone: the standard only, every finding fails', () => {
    const v = evaluateObject(PRIVILEGED, { profile: restricted })!;
    assert.equal(v.allowed, false);
    assert.equal(v.failed, true);
    assert.ok(v.findings.every((f) => f.standard === 'pss'));
    assert.equal(v.findings.find((f) => f.check === 'privileged')!.severity, 'critical');
  });
  test('an allowed pod returns no findings and fails nothing', () => {
    assert.deepEqual(evaluateObject(HARDENED, { profile: restricted }), { podPath: '', allowed: true, failed: false, findings: [] });
  });
});

describe('policies', () => {
  const strict = builtinPolicies().forPreset('strict');
  test('a policy that a running PSS check covers is skipped; at a lower level it runs', () => {
    assert.ok(!activePolicies(strict, restricted).some((p) => p.id === 'privileged-container'));
    const v = evaluateObject(PRIVILEGED, { profile: privileged, policies: strict })!;
    assert.equal(v.allowed, true, 'the privileged level allows it, exactly as PSA');
    assert.equal(v.failed, true);
    const f = v.findings.find((x) => x.check === 'privileged-container')!;
    assert.deepEqual(
      [f.standard, f.level, f.severity, f.reason, f.container, f.fields],
      ['podguard', undefined, 'critical', 'Privileged container', 'app', ['spec.containers[0].securityContext.privileged']],
    );
  });
  test('findings: PSS first in upstream order, then policies in catalogue order; paths object-relative', () => {
    const deploy: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: PRIVILEGED['spec'] } } };
    const v = evaluateObject(deploy, { profile: restricted, policies: strict })!;
    const standards = v.findings.map((f) => f.standard);
    assert.deepEqual(
      standards,
      [...standards].sort((a, b) => (a === b ? 0 : a === 'pss' ? -1 : 1)),
    );
    const policyIds = v.findings.filter((f) => f.standard === 'podguard').map((f) => f.check);
    assert.deepEqual(
      policyIds,
      POLICIES.map((p) => p.id).filter((id) => policyIds.includes(id)),
    );
    assert.ok(v.findings.every((f) => f.fields.every((p) => p.startsWith('spec.template.spec.'))));
  });
  test('severity overrides and fail-on', () => {
    const settings: EvaluationSettings = { profile: privileged, policies: strict, severities: { 'privileged-container': 'low' }, failOn: 'medium' };
    const v = evaluateObject(
      pod({
        containers: [
          { name: 'a', securityContext: { privileged: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: true, capabilities: { drop: ['ALL'] } } },
        ],
        automountServiceAccountToken: false,
        hostUsers: false,
        securityContext: { seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true },
      }),
      settings,
    )!;
    assert.deepEqual(
      v.findings.map((f) => [f.check, f.severity]),
      [
        ['privileged-container', 'low'],
        ['privilege-escalation-allowed', 'medium'],
      ],
    );
    assert.equal(v.failed, true, 'medium meets --fail-on medium');
    const high = evaluateObject(pod({ containers: [{ name: 'a', securityContext: { privileged: true } }] }), { ...settings, failOn: 'critical' })!;
    assert.equal(high.failed, false, 'nothing critical after the override');
  });
});

describe('exceptions in the engine', () => {
  const exceptions = {
    rules: [
      {
        id: 'ok',
        checks: ['privileged'],
        justification: 'node agent',
        namespaces: undefined,
        origin: { kind: 'config' as const, file: 'podguard.yaml', line: 2 },
      },
    ],
    locked: new Set<string>(),
    annotations: true,
  };
  test("an excepted PSS finding stays, marked; allowed stays PSA's; failed clears", () => {
    const v = evaluateObject(PRIVILEGED, { profile: { level: 'baseline', version: 'latest' }, exceptions })!;
    assert.equal(v.allowed, false);
    assert.equal(v.failed, false);
    assert.equal(v.findings[0]!.exception!.status, 'applied');
  });
  test('annotations on the pod template are honoured, container names come from the fields', () => {
    const deploy: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'ns' },
      spec: {
        template: {
          metadata: { annotations: { 'exception.podguard.dev/privileged': 'agent', 'exception.podguard.dev/privileged.containers': 'app' } },
          spec: PRIVILEGED['spec'],
        },
      },
    };
    const v = evaluateObject(deploy, { profile: { level: 'baseline', version: 'latest' }, exceptions: { rules: [], locked: new Set(), annotations: true } })!;
    assert.equal(v.findings[0]!.exception!.annotation, 'exception.podguard.dev/privileged');
    assert.equal(v.failed, false);
  });
  test("the identity passed in wins over the object's (admission requests carry the namespace)", () => {
    const scoped = { ...exceptions, rules: [{ ...exceptions.rules[0]!, namespaces: [{ source: 'kube-system', test: (n: string) => n === 'kube-system' }] }] };
    const bare = pod(PRIVILEGED['spec'] as object, { name: 'p' });
    assert.equal(evaluateObject(bare, { profile: { level: 'baseline', version: 'latest' }, exceptions: scoped })!.failed, true);
    assert.equal(evaluateObject(bare, { profile: { level: 'baseline', version: 'latest' }, exceptions: scoped }, { namespace: 'kube-system' })!.failed, false);
  });
});

describe('PSA exemptions', () => {
  test('an exempt namespace or runtime class is allowed without evaluating the standard', () => {
    const settings: EvaluationSettings = {
      profile: restricted,
      exemptions: { namespaces: new Set(['shop']), runtimeClasses: new Set(['kata']), usernames: new Set() },
    };
    assert.deepEqual(evaluateObject(PRIVILEGED, settings), { podPath: '', allowed: true, failed: false, exempt: 'namespace', findings: [] });
    const kata = pod({ runtimeClassName: 'kata', containers: [{ name: 'a', securityContext: { privileged: true } }] }, { name: 'k', namespace: 'other' });
    assert.equal(evaluateObject(kata, settings)!.exempt, 'runtimeClass');
  });
});

describe('object policies', () => {
  const noLatest: ObjectPolicy = {
    id: 'image-tag-latest',
    title: 'Image uses the latest tag',
    severity: 'medium',
    category: 'will-not-run',
    preset: 'recommended',
    rationale: 'r',
    remediation: 'm',
    references: [],
    target: 'object',
    kinds: ['Deployment', 'ConfigMap'],
    checkObject: (obj) => (obj.metadata?.name === 'bad' ? [{ detail: `${String(obj.kind)} "bad" is bad`, fields: ['metadata.name'] }] : PASS),
  };
  const settings: EvaluationSettings = { profile: { level: 'restricted', version: 'latest' }, policies: [noLatest] };

  test('judge objects that carry no pod, by kind, with object-relative paths', () => {
    const verdict = evaluateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad' } }, settings);
    assert.equal(verdict?.allowed, true, 'the standard has nothing to say about a ConfigMap');
    assert.equal(verdict?.failed, true);
    assert.deepEqual(
      verdict?.findings.map((f) => [f.check, f.detail, f.fields]),
      [['image-tag-latest', 'ConfigMap "bad" is bad', ['metadata.name']]],
    );
    assert.deepEqual(evaluateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'good' } }, settings)?.findings, []);
    assert.equal(evaluateObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bad' } }, settings), undefined, 'a kind no rule names');
  });

  test('run beside the standard on pod-bearing kinds; pod checks still see only the pod', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'bad' },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }] } } },
    };
    const verdict = evaluateObject(deployment, settings)!;
    assert.equal(verdict.allowed, false);
    assert.equal(verdict.podPath, 'spec.template');
    assert.ok(verdict.findings.some((f) => f.standard === 'pss' && f.fields.every((p) => p.startsWith('spec.template.spec'))));
    assert.deepEqual(
      verdict.findings.filter((f) => f.standard === 'podguard').map((f) => f.fields),
      [['metadata.name']],
    );
  });

  test('are excepted like any other finding', () => {
    const excepted = evaluateObject(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad' } },
      {
        ...settings,
        exceptions: {
          rules: [{ id: 'x', checks: ['image-tag-latest'], justification: 'legacy', origin: { kind: 'config', file: 'podguard.yaml' } }],
          locked: new Set(),
          annotations: false,
        },
      },
    );
    assert.equal(excepted?.findings[0]?.exception?.status, 'applied');
    assert.equal(excepted?.failed, false);
  });
});
