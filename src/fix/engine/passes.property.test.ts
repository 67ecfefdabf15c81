// Properties of the one fix engine over generated pods (issue 11, item 8):
//   - a mutation (/mutate's safe fixes) never weakens a pod: at every level and every version at
//     which the standard differs, a pod that passed before passes after, and its JSON Patch makes
//     exactly the mutated pod;
//   - `fix` settles: fixing its own output (as an object, and as a file) finds nothing more, and
//     never leaves a pod weaker at the level and version it fixed for.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planSafeMutations } from '../../admission/decision/safe-fixes';
import { evaluateObject, type EvaluationSettings } from '../../engine/evaluate';
import type { KubeObject } from '../../k8s/types';
import { builtinPolicies } from '../../policies/registry';
import { formatVersion } from '../../pss/version';
import { Random } from '../../../test/support/random';
import { fixObject } from './fix-object';
import { fixSource } from './fix-source';
import { distinctVersions, strongestLevel, weaker } from './strength';

/** A small seeded generator (mulberry32), so a failure names a pod that can be generated again. */
function random(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
}

type Json = Record<string, unknown>;

function generatePod(seed: number): KubeObject {
  const r = random(seed);
  const chance = (p: number) => r() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const some = (fields: Record<string, () => unknown>, p: number): Json => {
    const out: Json = {};
    for (const [k, v] of Object.entries(fields)) if (chance(p)) out[k] = v();
    return out;
  };
  const seccomp = () => pick([{ type: 'RuntimeDefault' }, { type: 'Unconfined' }, { type: 'Localhost', localhostProfile: 'p.json' }]);
  const container = (name: string): Json => {
    const c: Json = { name, image: 'registry.example/app:1' };
    const sc = some(
      {
        privileged: () => chance(0.5),
        allowPrivilegeEscalation: () => chance(0.5),
        capabilities: () =>
          some({ add: () => [pick(['NET_ADMIN', 'SYS_ADMIN', 'NET_RAW', 'NET_BIND_SERVICE', 'CHOWN'])], drop: () => [pick(['ALL', 'NET_RAW'])] }, 0.6),
        runAsUser: () => pick([0, 1000, 10001]),
        runAsNonRoot: () => chance(0.7),
        readOnlyRootFilesystem: () => chance(0.5),
        seccompProfile: seccomp,
        procMount: () => pick(['Default', 'Unmasked']),
      },
      0.3,
    );
    if (chance(0.8)) c['securityContext'] = sc;
    if (chance(0.2)) c['ports'] = [{ containerPort: pick([80, 8080]), ...(chance(0.3) ? { hostPort: 8080 } : {}) }];
    return c;
  };
  const spec: Json = { containers: Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => container(`c${i}`)) };
  if (chance(0.2)) spec['initContainers'] = [container('init')];
  if (chance(0.15)) spec['os'] = { name: 'windows' };
  if (chance(0.25)) spec['nodeSelector'] = { 'kubernetes.io/os': 'windows' };
  const psc = some(
    {
      runAsNonRoot: () => chance(0.7),
      runAsUser: () => pick([0, 1000, 10001]),
      fsGroup: () => pick([0, 2000]),
      supplementalGroups: () => [pick([0, 3000])],
      seccompProfile: seccomp,
      sysctls: () => [{ name: pick(['kernel.shm_rmid_forced', 'kernel.msgmax']), value: '1' }],
      seLinuxOptions: () => ({ type: pick(['container_t', 'spc_t']) }),
      windowsOptions: () => ({ hostProcess: chance(0.5) }),
    },
    0.3,
  );
  if (chance(0.8)) spec['securityContext'] = psc;
  for (const k of ['hostNetwork', 'hostPID', 'hostIPC']) if (chance(0.1)) spec[k] = true;
  if (chance(0.1)) spec['volumes'] = [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }];
  if (chance(0.4)) {
    // A hardened pod (restricted passes), with the odd extra: the pods mutation must not weaken.
    spec['securityContext'] = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, ...(chance(0.5) ? { runAsUser: 10001 } : {}) };
    for (const c of spec['containers'] as Json[]) {
      c['securityContext'] = {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'], ...(chance(0.2) ? { add: ['NET_BIND_SERVICE'] } : {}) },
        ...(chance(0.3) ? { readOnlyRootFilesystem: true } : {}),
      };
    }
    delete spec['initContainers'];
    for (const k of ['hostNetwork', 'hostPID', 'hostIPC', 'volumes']) delete spec[k];
  }
  const metadata: Json = { name: `p${seed}`, namespace: 'team-a' };
  if (chance(0.1)) metadata['annotations'] = { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

/** RFC 6902 add, replace and remove, as the API server applies a mutating webhook's patch. */
function applyPatch(obj: KubeObject, ops: readonly { op: string; path: string; value?: unknown }[]): KubeObject {
  const copy = structuredClone(obj) as Json;
  for (const o of ops) {
    const tokens = o.path
      .split('/')
      .slice(1)
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: unknown = copy;
    for (const t of tokens.slice(0, -1)) node = (node as Json)[t];
    const last = tokens[tokens.length - 1]!;
    assert.ok(node !== null && typeof node === 'object', `${o.path}: parent must exist`);
    if (Array.isArray(node)) {
      const i = last === '-' ? node.length : Number(last);
      if (o.op === 'add') node.splice(i, 0, o.value);
      else if (o.op === 'replace') node[i] = o.value;
      else node.splice(i, 1);
    } else if (o.op === 'remove') {
      assert.ok(last in (node as Json), `${o.path}: removed member must exist`);
      delete (node as Json)[last];
    } else {
      (node as Json)[last] = o.value;
    }
  }
  return copy as KubeObject;
}

const PODS = 300;
const STRICT = builtinPolicies().forPreset('strict');

test(`mutation never weakens a pod, at any level and version (${PODS} generated pods)`, () => {
  const versions = distinctVersions();
  for (let seed = 1; seed <= PODS; seed++) {
    const pod = generatePod(seed);
    for (const policies of [undefined, STRICT]) {
      const m = planSafeMutations(pod, policies ? { policies } : undefined);
      const patched = applyPatch(
        pod,
        m.mutations.flatMap((x) => x.ops),
      );
      assert.deepEqual(patched, m.mutated, `seed ${seed}: the patch makes the mutated pod`);
      for (const v of versions) {
        for (const level of ['baseline', 'restricted'] as const) {
          const before = evaluateObject(pod, { profile: { level, version: v } })!.allowed;
          if (!before) continue;
          const after = evaluateObject(m.mutated, { profile: { level, version: v } })!.allowed;
          assert.ok(
            after,
            `seed ${seed}${policies ? ' (strict policies)' : ''}: passed ${level}:${formatVersion(v)} before mutation, fails it after: ${m.mutations.map((x) => x.shown).join(', ')}`,
          );
        }
      }
    }
  }
});

test(`fix settles: its own output has nothing more to fix, and no pod gets weaker (${PODS} generated pods)`, () => {
  for (let seed = 1; seed <= PODS; seed++) {
    const pod = generatePod(seed);
    for (const version of ['latest', 24] as const) {
      const settings: EvaluationSettings = { profile: { level: 'restricted', version }, policies: STRICT };
      for (const unsafe of [false, true]) {
        const once = fixObject(pod, settings, { unsafe });
        const twice = fixObject(once.fixed, settings, { unsafe });
        assert.deepEqual(
          twice.applied.map((a) => `${a.check} ${a.change.path}`),
          [],
          `seed ${seed} at ${formatVersion(version)}${unsafe ? ' --unsafe' : ''}: a second fix changes more`,
        );
        assert.ok(!weaker(strongestLevel(once.fixed, version), strongestLevel(pod, version)), `seed ${seed}: fix weakened the pod`);
        assert.ok(once.applied.length <= 10 * 60, 'bounded');
      }
    }
    if (seed % 5 === 0) {
      // The same through the text applier, on the pod as a YAML-compatible JSON file.
      const settings: EvaluationSettings = { profile: { level: 'restricted', version: 'latest' }, policies: STRICT };
      const ns = { base: settings, settingsFor: () => settings };
      const first = fixSource(`${JSON.stringify(pod, null, 2)}\n`, 'p.json', ns, { unsafe: true });
      assert.deepEqual(first.errors, [], `seed ${seed}`);
      const again = fixSource(first.output, 'p.json', ns, { unsafe: true });
      assert.equal(again.output, first.output, `seed ${seed}: a second fix of the file changes it`);
      assert.equal(again.passes, 0);
    }
  }
});
