import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../k8s/types';
import { controllerOf, OwnerIndex } from './owners';

function obj(kind: string, name: string, uid: string, owner?: { kind: string; name: string; uid?: string; controller?: boolean }): KubeObject {
  const apiVersion = kind === 'Pod' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  const ownerReferences = owner
    ? [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, ...(owner.uid ? { uid: owner.uid } : {}), controller: owner.controller ?? true }]
    : undefined;
  return { apiVersion, kind, metadata: { name, namespace: 'ns', uid, ...(ownerReferences ? { ownerReferences } : {}) } };
}

describe('controllerOf', () => {
  test('takes the reference marked controller, ignoring other owners', () => {
    const o: KubeObject = {
      kind: 'Pod',
      metadata: {
        name: 'p',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'not-controller', uid: 'x' },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true },
        ],
      },
    };
    assert.deepEqual(controllerOf(o), { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1' });
  });
  test('no controller reference: undefined', () => {
    assert.equal(controllerOf(obj('Pod', 'p', 'u', { kind: 'ReplicaSet', name: 'rs', uid: 'r', controller: false })), undefined);
    assert.equal(controllerOf({ kind: 'Pod', metadata: { ownerReferences: 'junk' } }), undefined);
  });
});

describe('OwnerIndex.place', () => {
  const deploy = obj('Deployment', 'web', 'd1');
  const rs = obj('ReplicaSet', 'web-1', 'r1', { kind: 'Deployment', name: 'web', uid: 'd1' });
  const pod = obj('Pod', 'web-1-a', 'p1', { kind: 'ReplicaSet', name: 'web-1', uid: 'r1' });
  const cron = obj('CronJob', 'nightly', 'c1');
  const job = obj('Job', 'nightly-1', 'j1', { kind: 'CronJob', name: 'nightly', uid: 'c1' });
  const jobPod = obj('Pod', 'nightly-1-x', 'p2', { kind: 'Job', name: 'nightly-1', uid: 'j1' });
  const index = new OwnerIndex([deploy, rs, pod, cron, job, jobPod]);

  test('a pod folds through its ReplicaSet into the Deployment, and is evaluated', () => {
    assert.deepEqual(index.place(pod), {
      workload: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1' },
      ownerNotListed: false,
      evaluate: true,
    });
  });
  test("a controller-owned ReplicaSet's template is a copy of its Deployment's: folded, not evaluated", () => {
    assert.equal(index.place(rs).workload.name, 'web');
    assert.equal(index.place(rs).evaluate, false);
  });
  test('a Job of a CronJob and its pod fold into the CronJob', () => {
    assert.equal(index.place(job).workload.kind, 'CronJob');
    assert.equal(index.place(job).evaluate, false);
    assert.equal(index.place(jobPod).workload.name, 'nightly');
  });
  test('a workload without an owner is its own workload and is evaluated', () => {
    assert.deepEqual(index.place(deploy), {
      workload: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1' },
      ownerNotListed: false,
      evaluate: true,
    });
  });
  test('an owner kind that is not listed (an Argo Rollout) becomes the workload; its ReplicaSet template is evaluated', () => {
    const r = obj('ReplicaSet', 'canary-1', 'r9', { kind: 'Rollout', name: 'canary', uid: 'ro' });
    const p = obj('Pod', 'canary-1-a', 'p9', { kind: 'ReplicaSet', name: 'canary-1', uid: 'r9' });
    const idx = new OwnerIndex([r, p]);
    assert.deepEqual(idx.place(r), { workload: { apiVersion: 'apps/v1', kind: 'Rollout', name: 'canary', uid: 'ro' }, ownerNotListed: true, evaluate: true });
    assert.equal(idx.place(p).workload.kind, 'Rollout');
  });
  test('a static pod mirrored from a Node stays its own workload', () => {
    const mirror = obj('Pod', 'kube-apiserver-node-1', 'm1', { kind: 'Node', name: 'node-1', uid: 'n1' });
    assert.deepEqual(new OwnerIndex([mirror]).place(mirror).workload, { apiVersion: 'v1', kind: 'Pod', name: 'kube-apiserver-node-1', uid: 'm1' });
  });
  test('owners are found by name when references carry no uid', () => {
    const p = obj('Pod', 'x', 'px', { kind: 'ReplicaSet', name: 'web-1' });
    assert.equal(new OwnerIndex([deploy, rs, p]).place(p).workload.name, 'web');
  });
  test('an ownership cycle ends instead of looping', () => {
    const a = obj('ReplicaSet', 'a', 'ua', { kind: 'ReplicaSet', name: 'b', uid: 'ub' });
    const b = obj('ReplicaSet', 'b', 'ub', { kind: 'ReplicaSet', name: 'a', uid: 'ua' });
    const placed = new OwnerIndex([a, b]).place(a);
    assert.ok(['a', 'b'].includes(placed.workload.name));
  });
});
