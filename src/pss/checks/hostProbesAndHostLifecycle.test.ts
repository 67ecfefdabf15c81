import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCases, versionedAt } from '../../../test/support/check-cases';
import { hostProbesAndHostLifecycle } from './hostProbesAndHostLifecycle';

test('hostProbesAndHostLifecycle: no behaviour before v1.34, so hosts are allowed there', () => {
  assert.equal(versionedAt(hostProbesAndHostLifecycle, 'v1.33'), undefined);
  assert.equal(versionedAt(hostProbesAndHostLifecycle, 'v1.34')?.since, 'v1.34');
});

checkCases(hostProbesAndHostLifecycle, [
  {
    name: 'handlers without a host, or with an empty one, are allowed',
    version: 'v1.34',
    spec: {
      containers: [
        {
          name: 'a',
          livenessProbe: { httpGet: { port: 8080 } },
          readinessProbe: { tcpSocket: { port: 8080, host: '' } },
          startupProbe: { exec: { command: ['true'] }, grpc: { port: 9000 } },
          lifecycle: { postStart: { httpGet: {} }, preStop: { sleep: { seconds: 5 } } },
        },
      ],
    },
  },
  {
    name: 'loopback hosts are forbidden too, and hosts come out sorted',
    version: 'v1.34',
    spec: {
      containers: [
        {
          name: 'app',
          livenessProbe: { httpGet: { host: '127.0.0.1' } },
          readinessProbe: { tcpSocket: { host: '::1' } },
          startupProbe: { httpGet: { host: 'localhost' } },
        },
      ],
    },
    forbidden: {
      reason: 'probe or lifecycle host',
      detail: 'container "app" uses probe or lifecycle hosts "127.0.0.1", "::1", "localhost"',
      fields: [
        'spec.containers[0].livenessProbe.httpGet.host',
        'spec.containers[0].readinessProbe.tcpSocket.host',
        'spec.containers[0].startupProbe.httpGet.host',
      ],
    },
  },
  {
    name: 'httpGet host in a liveness probe',
    version: 'v1.34',
    spec: { containers: [{ name: 'a', livenessProbe: { httpGet: { host: 'metadata.internal' } } }] },
    forbidden: {
      reason: 'probe or lifecycle host',
      detail: 'container "a" uses probe or lifecycle host "metadata.internal"',
      fields: ['spec.containers[0].livenessProbe.httpGet.host'],
    },
  },
  {
    name: 'tcpSocket host in a readiness probe (IPv6)',
    version: 'v1.35',
    spec: { containers: [{ name: 'b', readinessProbe: { tcpSocket: { host: '2001:db8::1' } } }] },
    forbidden: {
      reason: 'probe or lifecycle host',
      detail: 'container "b" uses probe or lifecycle host "2001:db8::1"',
      fields: ['spec.containers[0].readinessProbe.tcpSocket.host'],
    },
  },
  {
    name: 'httpGet host in a startup probe (IPv4)',
    version: 'v1.36',
    spec: { containers: [{ name: 'c', startupProbe: { httpGet: { host: '10.0.0.1' } } }] },
    forbidden: {
      reason: 'probe or lifecycle host',
      detail: 'container "c" uses probe or lifecycle host "10.0.0.1"',
      fields: ['spec.containers[0].startupProbe.httpGet.host'],
    },
  },
  {
    name: 'deprecated tcpSocket postStart handler',
    version: 'v1.37',
    spec: { containers: [{ name: 'd', lifecycle: { postStart: { tcpSocket: { host: 'node.example' } } } }] },
    forbidden: {
      reason: 'probe or lifecycle host',
      detail: 'container "d" uses probe or lifecycle host "node.example"',
      fields: ['spec.containers[0].lifecycle.postStart.tcpSocket.host'],
    },
  },
  {
    name: 'httpGet preStop handler',
    version: 'v1.37',
    spec: { containers: [{ name: 'e', lifecycle: { preStop: { httpGet: { host: 'drain.example' } } } }] },
    forbidden: {
      reason: 'probe or lifecycle host',
      detail: 'container "e" uses probe or lifecycle host "drain.example"',
      fields: ['spec.containers[0].lifecycle.preStop.httpGet.host'],
    },
  },
  {
    name: 'containers and hosts are sets: sorted, each once',
    version: 'v1.34',
    spec: {
      containers: [
        { name: 'zeta', livenessProbe: { httpGet: { host: 'b.example' } }, lifecycle: { preStop: { tcpSocket: { host: 'a.example' } } } },
        { name: 'ok' },
        { name: 'alpha', startupProbe: { httpGet: { host: 'a.example' } }, readinessProbe: { httpGet: { host: 'b.example' } } },
        { name: 'zeta', livenessProbe: { tcpSocket: { host: 'a.example' } } },
      ],
    },
    forbidden: {
      reason: 'probe or lifecycle host',
      detail: 'containers "alpha", "zeta" use probe or lifecycle hosts "a.example", "b.example"',
      fields: [
        'spec.containers[0].livenessProbe.httpGet.host',
        'spec.containers[0].lifecycle.preStop.tcpSocket.host',
        'spec.containers[2].readinessProbe.httpGet.host',
        'spec.containers[2].startupProbe.httpGet.host',
        'spec.containers[3].livenessProbe.tcpSocket.host',
      ],
    },
  },
  {
    name: 'init and ephemeral containers are checked, init first',
    version: 'v1.34',
    spec: {
      ephemeralContainers: [{ name: 'debug', readinessProbe: { tcpSocket: { host: 'e.example' } } }],
      containers: [{ name: 'main' }],
      initContainers: [{ name: 'init', livenessProbe: { httpGet: { host: 'i.example' } } }],
    },
    forbidden: {
      reason: 'probe or lifecycle host',
      detail: 'containers "debug", "init" use probe or lifecycle hosts "e.example", "i.example"',
      fields: ['spec.initContainers[0].livenessProbe.httpGet.host', 'spec.ephemeralContainers[0].readinessProbe.tcpSocket.host'],
    },
  },
  {
    name: 'sorting follows Go (UTF-8 bytes), not UTF-16 code units',
    version: 'v1.34',
    spec: { containers: [{ name: 'a', livenessProbe: { httpGet: { host: '\u{1F600}' } }, readinessProbe: { httpGet: { host: '\uFF21' } } }] },
    forbidden: {
      reason: 'probe or lifecycle host',
      detail: 'container "a" uses probe or lifecycle hosts "\uFF21", "\u{1F600}"',
      fields: ['spec.containers[0].livenessProbe.httpGet.host', 'spec.containers[0].readinessProbe.httpGet.host'],
    },
  },
  {
    name: 'mistyped input is ignored: non-string hosts, null handlers and lifecycles',
    version: 'v1.37',
    spec: {
      containers: [
        { name: 'a', livenessProbe: { httpGet: { host: 1 as never } }, readinessProbe: null as never, lifecycle: null as never },
        { name: 'b', startupProbe: { tcpSocket: 'x' as never }, lifecycle: { postStart: 'x' as never } },
      ],
    },
  },
]);
