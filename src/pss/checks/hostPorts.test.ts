import { checkCases } from '../../../test/support/check-cases';
import { hostPorts } from './hostPorts';

checkCases(hostPorts, [
  {
    name: 'no ports, unset and zero host ports are allowed',
    version: 'v1.0',
    spec: { containers: [{ name: 'a' }, { name: 'b', ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 0 }] }] },
  },
  {
    name: 'one container with one host port among zero ones',
    version: 'v1.0',
    spec: {
      containers: [
        { name: 'a', ports: [{ hostPort: 0 }] },
        { name: 'b', ports: [{ hostPort: 0 }, { hostPort: 20 }] },
      ],
    },
    forbidden: { reason: 'hostPort', detail: 'container "b" uses hostPort 20', fields: ['spec.containers[1].ports[1].hostPort'] },
  },
  {
    name: 'several containers share a host port: ports form a set',
    version: 'v1.0',
    spec: {
      containers: [
        { name: 'a', ports: [{ hostPort: 0 }] },
        { name: 'b', ports: [{ hostPort: 0 }, { hostPort: 10 }, { hostPort: 20 }] },
        { name: 'c', ports: [{ hostPort: 0 }, { hostPort: 10 }, { hostPort: 30 }] },
      ],
    },
    forbidden: {
      reason: 'hostPort',
      detail: 'containers "b", "c" use hostPorts 10, 20, 30',
      fields: [
        'spec.containers[1].ports[1].hostPort',
        'spec.containers[1].ports[2].hostPort',
        'spec.containers[2].ports[1].hostPort',
        'spec.containers[2].ports[2].hostPort',
      ],
    },
  },
  {
    name: 'ports are sorted as strings, as upstream sorts them',
    version: 'v1.37',
    spec: { containers: [{ name: 'web', ports: [{ hostPort: 8080 }, { hostPort: 443 }, { hostPort: 9 }] }] },
    forbidden: {
      reason: 'hostPort',
      detail: 'container "web" uses hostPorts 443, 8080, 9',
      fields: ['spec.containers[0].ports[0].hostPort', 'spec.containers[0].ports[1].hostPort', 'spec.containers[0].ports[2].hostPort'],
    },
  },
  {
    name: 'init, regular and ephemeral containers, in upstream order; names are not deduplicated',
    version: 'v1.37',
    spec: {
      ephemeralContainers: [{ name: 'debug', ports: [{ hostPort: 9000 }] }],
      containers: [{ name: 'x', ports: [{ hostPort: 80 }] }],
      initContainers: [{ name: 'x', ports: [{ hostPort: 80 }] }],
    },
    forbidden: {
      reason: 'hostPort',
      detail: 'containers "x", "x", "debug" use hostPorts 80, 9000',
      fields: ['spec.initContainers[0].ports[0].hostPort', 'spec.containers[0].ports[0].hostPort', 'spec.ephemeralContainers[0].ports[0].hostPort'],
    },
  },
  {
    name: 'an unnamed container prints as ""',
    version: 'v1.0',
    spec: { containers: [{ ports: [{ hostPort: 22 }] }] },
    forbidden: { reason: 'hostPort', detail: 'container "" uses hostPort 22', fields: ['spec.containers[0].ports[0].hostPort'] },
  },
  {
    name: 'mistyped input is not a host port: non-array ports, null entries, a string hostPort',
    version: 'v1.37',
    spec: {
      containers: [{ name: 'a', ports: 'none' as never }, { name: 'b', ports: [null as never, { hostPort: '80' as never }] }, null as never],
    },
  },
]);
