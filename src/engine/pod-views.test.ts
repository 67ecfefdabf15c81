import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../k8s/types';
import { carriesPod, podViewOf, POD_PATHS } from './pod-views';

const spec = { containers: [{ name: 'c' }] };
const template = { metadata: { labels: { a: 'b' } }, spec };

const OBJECTS: [KubeObject, string][] = [
  [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec }, ''],
  [{ apiVersion: 'v1', kind: 'PodTemplate', template }, 'template'],
  [{ apiVersion: 'apps/v1', kind: 'Deployment', spec: { template } }, 'spec.template'],
  [{ apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { template } }, 'spec.template'],
  [{ apiVersion: 'apps/v1', kind: 'DaemonSet', spec: { template } }, 'spec.template'],
  [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', spec: { template } }, 'spec.template'],
  [{ apiVersion: 'v1', kind: 'ReplicationController', spec: { template } }, 'spec.template'],
  [{ apiVersion: 'batch/v1', kind: 'Job', spec: { template } }, 'spec.template'],
  [{ apiVersion: 'batch/v1', kind: 'CronJob', spec: { jobTemplate: { spec: { template } } } }, 'spec.jobTemplate.spec.template'],
];

test('every pod-bearing kind maps to its pod', () => {
  assert.equal(OBJECTS.length, Object.keys(POD_PATHS).length);
  for (const [obj, path] of OBJECTS) {
    const view = podViewOf(obj)!;
    assert.equal(view.podPath, path, obj.kind);
    assert.equal(view.spec, spec, obj.kind);
  }
});

test('objects without pods have no view; a workload without a template gets an empty spec', () => {
  assert.equal(podViewOf({ apiVersion: 'v1', kind: 'Service' }), undefined);
  assert.equal(carriesPod('ConfigMap'), false);
  assert.equal(carriesPod('toString'), false, 'no prototype lookups');
  assert.deepEqual(podViewOf({ apiVersion: 'apps/v1', kind: 'Deployment', spec: 'nonsense' })!.spec, {});
});
