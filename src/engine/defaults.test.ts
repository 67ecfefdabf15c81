import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodSpec } from '../k8s/types';
import { applyDefaults } from './defaults';

test('a volume with no source is stored as an emptyDir', () => {
  const spec: PodSpec = { volumes: [{ name: 'a' }, { name: 'b', hostPath: { path: '/' } }] };
  const out = applyDefaults(spec, true);
  assert.deepEqual(out.volumes, [
    { name: 'a', emptyDir: {} },
    { name: 'b', hostPath: { path: '/' } },
  ]);
  assert.deepEqual(spec.volumes![0], { name: 'a' }, 'the input is not modified');
});

test('hostNetwork pods get hostPort = containerPort; templates do not (since v1.28)', () => {
  const spec: PodSpec = { hostNetwork: true, containers: [{ name: 'c', ports: [{ containerPort: 80 }, { containerPort: 90, hostPort: 91 }] }] };
  assert.deepEqual(applyDefaults(spec, true).containers![0]!.ports, [
    { containerPort: 80, hostPort: 80 },
    { containerPort: 90, hostPort: 91 },
  ]);
  assert.equal(applyDefaults(spec, false), spec);
});

test('nothing to default: the same object comes back (no copy on the hot path)', () => {
  const spec: PodSpec = { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }], volumes: [{ name: 'v', emptyDir: {} }] };
  assert.equal(applyDefaults(spec, true), spec);
});
