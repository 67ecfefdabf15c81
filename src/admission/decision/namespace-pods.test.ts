// The existing-pods warning when enforce tightens: upstream's grouping, naming, ordering, pod
// cap, time budget and list failure (admission/admission_test.go TestValidateNamespace cases).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../k8s/types';
import { BASELINE_POD_REASONS as BASELINE_REASONS, baselinePod, privilegedPod, restrictedPod } from '../../../test/admission/fixtures';
import { StaticClusterView, type ClusterView } from '../cluster/cluster-view';
import { evaluatePodsInNamespace, prioritizePods, type NamespaceCheck } from './namespace-pods';

const RESTRICTED = { level: 'restricted', version: 'latest' } as const;

function check(pods: KubeObject[], extra: Partial<NamespaceCheck> = {}): Promise<string[]> {
  return evaluatePodsInNamespace({
    cluster: new StaticClusterView(pods),
    namespace: 'shop',
    enforce: RESTRICTED,
    exemptRuntimeClasses: new Set(),
    limits: { maxPods: 3000, timeoutMs: 1000 },
    now: Date.now,
    ...extra,
  });
}

describe('existing pods checked against a new enforce level', () => {
  test('no violating pods: no warnings', async () => {
    assert.deepEqual(await check([restrictedPod('a', 'shop'), restrictedPod('b', 'shop')]), []);
  });

  test('pods with identical reasons are grouped under the lexically first name, groups sorted', async () => {
    const pods = ['zeta', 'beta', 'alpha']
      .map((n) => baselinePod(n, 'shop'))
      .concat([privilegedPod('solo', 'shop'), baselinePod('pair-b', 'shop', { runtimeClassName: 'x', hostNetwork: false })]);
    assert.deepEqual(await check(pods), [
      'existing pods in namespace "shop" violate the new PodSecurity enforce level "restricted:latest"',
      `alpha (and 3 other pods): ${BASELINE_REASONS}`,
      `solo: privileged, ${BASELINE_REASONS}`,
    ]);
    assert.deepEqual(await check([baselinePod('b', 'shop'), baselinePod('a', 'shop')]), [
      'existing pods in namespace "shop" violate the new PodSecurity enforce level "restricted:latest"',
      `a (and 1 other pod): ${BASELINE_REASONS}`,
    ]);
  });

  test('only the first maxPods pods are checked, and the warning says so', async () => {
    const pods = [1, 2, 3, 4, 5].map((i) => baselinePod(`pod${i}`, 'shop'));
    assert.deepEqual(await check(pods, { limits: { maxPods: 4, timeoutMs: 1000 } }), [
      'new PodSecurity enforce level only checked against the first 4 of 5 existing pods',
      'existing pods in namespace "shop" violate the new PodSecurity enforce level "restricted:latest"',
      `pod1 (and 3 other pods): ${BASELINE_REASONS}`,
    ]);
  });

  test('the time budget stops the check after the pod being evaluated when it runs out', async () => {
    let clock = 0;
    const now = () => (clock += 400); // each reading advances the clock: the budget ends at 1400
    const pods = [1, 2, 3, 4].map((i) => baselinePod(`pod${i}`, 'shop'));
    const warnings = await check(pods, { now, limits: { maxPods: 3000, timeoutMs: 1000 } });
    assert.equal(warnings[0], 'new PodSecurity enforce level only checked against the first 3 of 4 existing pods');
  });

  test('the budget is at most half of what is left of the request timeout', async () => {
    let seen = 0;
    const cluster: ClusterView = {
      namespace: (n) => ({ name: n, labels: {} }),
      pods: (_n, deadline) => ((seen = deadline), Promise.resolve([])),
      ready: () => true,
    };
    await evaluatePodsInNamespace({
      cluster,
      namespace: 'shop',
      enforce: RESTRICTED,
      exemptRuntimeClasses: new Set(),
      limits: { maxPods: 3000, timeoutMs: 1000 },
      now: () => 10_000,
      requestDeadline: 10_400,
    });
    assert.equal(seen, 10_200);
  });

  test('a failed pod list is one warning', async () => {
    const cluster: ClusterView = { namespace: (n) => ({ name: n, labels: {} }), pods: () => Promise.reject(new Error('forbidden')), ready: () => true };
    assert.deepEqual(await check([], { cluster }), ['failed to list pods while checking new PodSecurity enforce level']);
  });

  test('exempt runtime classes are skipped and replicas of one controller go last', () => {
    const pods = [
      baselinePod('rs-a-1', 'shop', { ownerUid: 'a' }),
      baselinePod('rs-a-2', 'shop', { ownerUid: 'a' }),
      baselinePod('kata', 'shop', { runtimeClassName: 'kata' }),
      baselinePod('rs-b-1', 'shop', { ownerUid: 'b' }),
      baselinePod('bare', 'shop'),
    ];
    assert.deepEqual(
      prioritizePods(pods, new Set(['kata'])).map((p) => p.metadata?.name),
      ['rs-a-1', 'rs-b-1', 'bare', 'rs-a-2'],
    );
  });
});
