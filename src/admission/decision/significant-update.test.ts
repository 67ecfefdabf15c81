import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pod } from '../../../test/admission/fixtures';
import { isSignificantPodUpdate } from './significant-update';

const base = () => pod({ name: 'web', containers: [{ name: 'app' }], initContainers: [{ name: 'init' }], ephemeralContainers: [{ name: 'dbg' }] });

test('insignificant: labels, status, resources', () => {
  const old = base();
  const next = structuredClone(old);
  (next.metadata as Record<string, unknown>)['labels'] = { app: 'web', tier: 'front' };
  (next['spec'] as { containers: Record<string, unknown>[] }).containers[0]!['resources'] = { limits: { cpu: '1' } };
  assert.equal(isSignificantPodUpdate(next, old), false);
});

test('significant: an image, a container count, a seccomp annotation, an ephemeral container added or changed', () => {
  const old = base();
  const mutate = (f: (spec: Record<string, Record<string, unknown>[]>, p: ReturnType<typeof base>) => void) => {
    const next = structuredClone(old);
    f(next['spec'] as Record<string, Record<string, unknown>[]>, next);
    return isSignificantPodUpdate(next, old);
  };
  assert.equal(
    mutate((s) => (s['containers']![0]!['image'] = 'other:2')),
    true,
  );
  assert.equal(
    mutate((s) => (s['initContainers']![0]!['image'] = 'other:2')),
    true,
  );
  assert.equal(
    mutate((s) => s['containers']!.push({ name: 'b' })),
    true,
  );
  assert.equal(
    mutate((_s, p) => ((p.metadata as Record<string, unknown>)['annotations'] = { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' })),
    true,
  );
  assert.equal(
    mutate((_s, p) => ((p.metadata as Record<string, unknown>)['annotations'] = { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' })),
    true,
  );
  assert.equal(
    mutate((_s, p) => ((p.metadata as Record<string, unknown>)['annotations'] = { 'container.seccomp.security.alpha.kubernetes.io/other': 'unconfined' })),
    false,
  );
  assert.equal(
    mutate((s) => s['ephemeralContainers']!.push({ name: 'dbg2', image: 'busybox' })),
    true,
  );
  assert.equal(
    mutate((s) => (s['ephemeralContainers']![0]!['image'] = 'alpine')),
    true,
  );
});
