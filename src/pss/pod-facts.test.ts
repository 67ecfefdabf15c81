import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PodSpec } from '../k8s/types';
import { podFacts } from './pod-facts';

describe('pod facts', () => {
  test('containers come in upstream visiting order (init, regular, ephemeral) with their list and index; non-objects are left out', () => {
    const spec = {
      ephemeralContainers: [{ name: 'e0' }],
      containers: [{ name: 'c0' }, null, 'x', { name: 'c3' }],
      initContainers: [{ name: 'i0' }],
    } as unknown as PodSpec;
    const seen = podFacts(spec).containers.map((c) => `${c.list}[${c.index}]=${String(c.name)}`);
    assert.deepEqual(seen, ['initContainers[0]=i0', 'containers[0]=c0', 'containers[3]=c3', 'ephemeralContainers[0]=e0']);
  });

  test('a securityContext that is not a mapping is unset; a mapping is the parsed object itself', () => {
    const sc = { privileged: true, runAsNonRoot: null };
    const spec = { containers: [{ securityContext: sc }, { securityContext: ['privileged'] }, { securityContext: 'yes' }, {}] } as unknown as PodSpec;
    const facts = podFacts(spec).containers;
    assert.equal(facts[0]!.securityContext as unknown, sc);
    assert.equal((facts[0]!.securityContext as Record<string, unknown>)['runAsNonRoot'], null);
    assert.deepEqual(
      facts.slice(1).map((c) => c.securityContext),
      [undefined, undefined, undefined],
    );
  });

  test('the other fields read through to the parsed container', () => {
    const container = { name: 'web', ports: [{ containerPort: 80 }], livenessProbe: { tcpSocket: { host: 'h' } }, lifecycle: {}, volumeMounts: [] };
    const [c] = podFacts({ containers: [container] }).containers;
    assert.equal(c!.container, container);
    assert.equal(c!.ports, container.ports);
    assert.equal(c!.livenessProbe, container.livenessProbe);
    assert.equal(c!.lifecycle, container.lifecycle);
    assert.equal(c!.volumeMounts, container.volumeMounts);
    assert.equal(c!.readinessProbe, undefined);
  });

  test('a spec without container lists (or with lists that are not arrays) has no containers', () => {
    assert.deepEqual(podFacts({}).containers, []);
    assert.deepEqual(podFacts({ containers: { name: 'x' } } as unknown as PodSpec).containers, []);
  });
});
