// /mutate: the safe fixes of `podguard fix` as a JSON Patch, reported change by change, only
// where the namespace opted in, never where the API server would reject the result.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LABEL, namespaceObject, pod, podCreate, podUpdate, privilegedPod, restrictedPod, workload, workloadCreate } from '../../../test/admission/fixtures';
import type { KubeObject } from '../../k8s/types';
import { StaticClusterView } from '../cluster/cluster-view';
import { builtinPolicies } from '../../policies/registry';
import { decideMutation, MUTATED_ANNOTATION_MAX_BYTES } from './mutate';
import { UPSTREAM_NAMESPACE_LIMITS } from './namespace-pods';
import { DEFAULT_POD_SECURITY_CONFIG } from '../../psa/pod-security-configuration';
import { pssOutcome } from './pss-outcome';
import { requestOf } from './review';
import type { PolicySettings, WebhookSettings } from './settings';

const SETTINGS: WebhookSettings = { podSecurity: DEFAULT_POD_SECURITY_CONFIG, denyWorkloads: false, mutate: false, namespaceLimits: UPSTREAM_NAMESPACE_LIMITS };
const OPTED_IN = namespaceObject('team-a', { [LABEL.enforce]: 'restricted', 'podguard.dev/mutate': 'true' });

async function mutate(body: Record<string, unknown>, namespaces: KubeObject[] = [OPTED_IN], settings = SETTINGS) {
  return decideMutation(requestOf(body), { settings, cluster: new StaticClusterView(namespaces) });
}

type Op = { op: string; path: string; value: unknown };

/** RFC 6902 `add`, as the API server applies it (parents must exist). */
function applyPatch(obj: KubeObject, ops: Op[]): KubeObject {
  const copy = structuredClone(obj) as Record<string, unknown>;
  for (const { op, path, value } of ops) {
    assert.equal(op, 'add');
    const tokens = path
      .split('/')
      .slice(1)
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node = copy as Record<string, unknown>;
    for (const t of tokens.slice(0, -1)) {
      assert.ok(node[t] !== undefined && node[t] !== null, `patch parent ${t} of ${path} must exist`);
      node = node[t] as Record<string, unknown>;
    }
    node[tokens[tokens.length - 1]!] = value;
  }
  return copy as KubeObject;
}

function patchOf(verdict: { patch?: string }): Op[] {
  return JSON.parse(Buffer.from(verdict.patch!, 'base64').toString('utf8')) as Op[];
}

const FIXABLE = () =>
  pod({
    name: 'web',
    initContainers: [{ name: 'init', securityContext: { capabilities: { drop: ['ALL'] }, runAsNonRoot: true } }],
    containers: [
      { name: 'app', securityContext: { capabilities: { drop: ['ALL'] }, runAsNonRoot: true } },
      { name: 'sidecar', securityContext: { capabilities: { drop: ['ALL'] }, runAsNonRoot: true } },
    ],
  });

describe('/mutate', () => {
  test('sets the safe defaults, and the patched pod passes restricted', async () => {
    const p = FIXABLE();
    assert.equal(pssOutcome(p, { level: 'restricted', version: 'latest' }).allowed, false);
    const d = await mutate(podCreate(p));
    assert.equal(d.verdict.allowed, true);
    assert.equal(d.verdict.patchType, 'JSONPatch');
    const ops = patchOf(d.verdict);
    const patched = applyPatch(p, ops);
    assert.equal(pssOutcome(patched, { level: 'restricted', version: 'latest' }).allowed, true);
    const fields = [
      'spec.initContainers[0].securityContext.allowPrivilegeEscalation=false',
      'spec.containers[0].securityContext.allowPrivilegeEscalation=false',
      'spec.containers[1].securityContext.allowPrivilegeEscalation=false',
      'spec.securityContext.seccompProfile.type=RuntimeDefault',
    ];
    const fixes = ['allowPrivilegeEscalation', 'allowPrivilegeEscalation', 'allowPrivilegeEscalation', 'seccompProfile_restricted'];
    assert.deepEqual(
      d.verdict.warnings,
      fields.map((f, i) => `podguard mutated ${f} (safe fix for ${fixes[i]}; namespace "team-a" opted in)`),
    );
    assert.deepEqual(d.verdict.auditAnnotations, { 'podguard-mutations': fields.join(', ') });
    assert.equal(patched.metadata?.annotations?.['podguard.dev/mutated'], fields.join(', '));
    assert.deepEqual(
      d.events.map((e) => (e.type === 'mutation' ? e.fix : e.type)),
      fixes,
    );
  });

  test('creates missing securityContext objects and keeps existing annotations', async () => {
    const p = pod({ name: 'bare', annotations: { team: 'shop' } });
    const spec = p['spec'] as Record<string, unknown>;
    delete spec['securityContext'];
    const patched = applyPatch(p, patchOf((await mutate(podCreate(p))).verdict));
    const ps = patched['spec'] as { securityContext: unknown; containers: { securityContext: unknown }[] };
    assert.deepEqual(ps.securityContext, { seccompProfile: { type: 'RuntimeDefault' } });
    assert.deepEqual(ps.containers[0]!.securityContext, { allowPrivilegeEscalation: false });
    assert.equal(patched.metadata?.annotations?.['team'], 'shop');
  });

  test('leaves alone what it must not touch: set fields, privileged or CAP_SYS_ADMIN containers, seccomp annotations, Windows pods', async () => {
    assert.equal((await mutate(podCreate(restrictedPod('ok')))).verdict.patch, undefined);
    const priv = patchOf((await mutate(podCreate(privilegedPod('root')))).verdict);
    assert.deepEqual(
      priv.map((o) => o.path),
      ['/spec/securityContext/seccompProfile', '/metadata/annotations'],
    );
    const sysAdmin = pod({ name: 'x', containers: [{ securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }] });
    assert.ok(!patchOf((await mutate(podCreate(sysAdmin))).verdict).some((o) => o.path.includes('containers')));
    const legacy = pod({ name: 'x', annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } });
    assert.ok(!patchOf((await mutate(podCreate(legacy))).verdict).some((o) => o.path.includes('seccompProfile')));
    assert.equal((await mutate(podCreate(pod({ name: 'win', os: 'windows' })))).verdict.patch, undefined);
  });

  test('only pods, only on CREATE, only where the namespace opted in (or --mutate), never in exempt namespaces', async () => {
    const p = FIXABLE();
    assert.deepEqual((await mutate(podCreate(p), [namespaceObject('team-a', {})])).verdict, { allowed: true });
    assert.ok((await mutate(podCreate(p), [namespaceObject('team-a', {})], { ...SETTINGS, mutate: true })).verdict.patch);
    assert.deepEqual((await mutate(podCreate(p), [namespaceObject('team-a', { 'podguard.dev/mutate': 'false' })], { ...SETTINGS, mutate: true })).verdict, {
      allowed: true,
    });
    assert.deepEqual((await mutate(podUpdate(p, p))).verdict, { allowed: true });
    assert.deepEqual((await mutate(workloadCreate(workload('Deployment', 'web', p)))).verdict, { allowed: true });
    const exempt = {
      ...SETTINGS,
      podSecurity: { ...DEFAULT_POD_SECURITY_CONFIG, exemptions: { ...DEFAULT_POD_SECURITY_CONFIG.exemptions, namespaces: new Set(['team-a']) } },
    };
    assert.deepEqual((await mutate(podCreate(p), [OPTED_IN], exempt)).verdict, { allowed: true });
  });

  // Issue 11, item 8: a pod that merely selects Windows nodes is a Linux pod for Pod Security
  // Admission; mutation used to strip its seccompProfile, runAsUser, capabilities and
  // allowPrivilegeEscalation (the windows-linux-only-fields fix), and /validate then denied it.
  test('never weakens a pod: a restricted pod selecting Windows nodes keeps all its hardening', async () => {
    const p = restrictedPod('win-selector');
    const spec = p['spec'] as Record<string, unknown>;
    spec['nodeSelector'] = { 'kubernetes.io/os': 'windows' };
    (spec['securityContext'] as Record<string, unknown>)['runAsUser'] = 10001;
    const strictPolicies: PolicySettings = {
      denyAt: 'never',
      warnAt: 'never',
      settingsFor: () => ({ profile: { level: 'restricted', version: 'latest' }, policies: builtinPolicies().forPreset('strict') }),
    };
    const d = await mutate(podCreate(p), [OPTED_IN], { ...SETTINGS, policies: strictPolicies });
    const ops = d.verdict.patch === undefined ? [] : patchOf(d.verdict);
    assert.deepEqual(
      ops.filter((o) => o.op === 'remove'),
      [],
      'nothing is removed',
    );
    const patched =
      ops.length === 0
        ? p
        : applyPatch(
            p,
            ops.filter((o) => o.op === 'add'),
          );
    assert.equal(pssOutcome(patched, { level: 'restricted', version: 'latest' }).allowed, true);
    const psc = (patched['spec'] as { securityContext: Record<string, unknown> }).securityContext;
    assert.equal(psc['runAsUser'], 10001);
    assert.deepEqual(psc['seccompProfile'], { type: 'RuntimeDefault' });
  });

  // Issue 11, item 9: the annotation listed every change (~70 bytes each) and could pass the API
  // server's 256 KiB limit on all of a pod's annotations.
  test('the podguard.dev/mutated annotation is capped and summarises what it cannot list', async () => {
    const containers = Array.from({ length: 2000 }, (_, i) => ({ name: `c${i}`, securityContext: { capabilities: { drop: ['ALL'] }, runAsNonRoot: true } }));
    const p = pod({ name: 'big', containers });
    const d = await mutate(podCreate(p));
    const patched = applyPatch(p, patchOf(d.verdict));
    const value = patched.metadata?.annotations?.['podguard.dev/mutated'] as string;
    assert.ok(Buffer.byteLength(value) <= MUTATED_ANNOTATION_MAX_BYTES, `annotation of ${Buffer.byteLength(value)} bytes`);
    assert.equal(value, '2001 changes: allowPrivilegeEscalation ×2000, seccompProfile_restricted ×1');
    assert.ok(Buffer.byteLength(d.verdict.auditAnnotations!['podguard-mutations']!) <= 16384);
    assert.equal(d.verdict.warnings!.length, 20);
    assert.match(d.verdict.warnings![19]!, /^podguard mutated 1982 more fields/);
    assert.equal(pssOutcome(patched, { level: 'restricted', version: 'latest' }).allowed, true);
  });
});
